using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrated.Server.Metadata.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TryRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "task_tries",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Revision",
                table: "task_tries");
        }
    }
}
