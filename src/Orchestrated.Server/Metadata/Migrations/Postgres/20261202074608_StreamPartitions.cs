using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrated.Server.Metadata.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StreamPartitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stream_partitions",
                columns: table => new
                {
                    Partition = table.Column<int>(type: "integer", nullable: false),
                    Holder = table.Column<string>(type: "text", nullable: false),
                    Watermark = table.Column<long>(type: "bigint", nullable: false),
                    StreamTime = table.Column<long>(type: "bigint", nullable: false),
                    OpenSessions = table.Column<int>(type: "integer", nullable: false),
                    HeldEvents = table.Column<int>(type: "integer", nullable: false),
                    LateEvents = table.Column<long>(type: "bigint", nullable: false),
                    SessionsClosed = table.Column<long>(type: "bigint", nullable: false),
                    LastOffset = table.Column<long>(type: "bigint", nullable: false),
                    EventsRead = table.Column<long>(type: "bigint", nullable: false),
                    ResumedFrom = table.Column<long>(type: "bigint", nullable: false),
                    RecentJson = table.Column<string>(type: "text", nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stream_partitions", x => x.Partition);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stream_partitions");
        }
    }
}
