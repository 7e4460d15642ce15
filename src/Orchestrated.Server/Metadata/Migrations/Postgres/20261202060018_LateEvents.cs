using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrated.Server.Metadata.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LateEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "late_events",
                columns: table => new
                {
                    FileKey = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Arrival = table.Column<DateOnly>(type: "date", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Events = table.Column<long>(type: "bigint", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_late_events", x => new { x.FileKey, x.Arrival });
                });

            migrationBuilder.CreateIndex(
                name: "IX_late_events_Arrival",
                table: "late_events",
                column: "Arrival");

            migrationBuilder.CreateIndex(
                name: "IX_late_events_Date",
                table: "late_events",
                column: "Date");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "late_events");
        }
    }
}
