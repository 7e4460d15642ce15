using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrated.Server.Metadata.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PartitionMappings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WaitingFor",
                table: "task_instances",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContentDates",
                table: "partitions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SelectedTasks",
                table: "dag_runs",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WaitingFor",
                table: "task_instances");

            migrationBuilder.DropColumn(
                name: "ContentDates",
                table: "partitions");

            migrationBuilder.DropColumn(
                name: "SelectedTasks",
                table: "dag_runs");
        }
    }
}
