using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrated.Server.Metadata.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TryExecutions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExecutionsJson",
                table: "task_tries",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExecutionsJson",
                table: "task_tries");
        }
    }
}
