using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Orchestrated.Server.Metadata.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DedupeKey = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DagId = table.Column<string>(type: "text", nullable: false),
                    LogicalDate = table.Column<DateOnly>(type: "date", nullable: true),
                    TaskId = table.Column<string>(type: "text", nullable: true),
                    RunId = table.Column<long>(type: "bigint", nullable: true),
                    Message = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeliveryAttempts = table.Column<int>(type: "integer", nullable: false),
                    DeliveryError = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "backfills",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DagId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FromDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ToDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Reprocess = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MaxConcurrentRuns = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ParamsJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_backfills", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dag_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DagId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RunKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    LogicalDate = table.Column<DateOnly>(type: "date", nullable: false),
                    DataIntervalStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DataIntervalEnd = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DagVersion = table.Column<int>(type: "integer", nullable: false),
                    ParamsJson = table.Column<string>(type: "text", nullable: false),
                    BackfillId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Note = table.Column<string>(type: "text", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dag_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dag_versions",
                columns: table => new
                {
                    DagId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false),
                    Source = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Comment = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dag_versions", x => new { x.DagId, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "dags",
                columns: table => new
                {
                    DagId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Paused = table.Column<bool>(type: "boolean", nullable: false),
                    CurrentVersion = table.Column<int>(type: "integer", nullable: false),
                    LastScheduledDate = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dags", x => x.DagId);
                });

            migrationBuilder.CreateTable(
                name: "leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Holder = table.Column<string>(type: "text", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "partitions",
                columns: table => new
                {
                    Dataset = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    ObjectKey = table.Column<string>(type: "text", nullable: false),
                    ObjectVersion = table.Column<string>(type: "text", nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    DagId = table.Column<string>(type: "text", nullable: false),
                    TaskId = table.Column<string>(type: "text", nullable: false),
                    TryId = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    InputFingerprint = table.Column<string>(type: "text", nullable: false),
                    InputsJson = table.Column<string>(type: "text", nullable: false),
                    RowsWritten = table.Column<long>(type: "bigint", nullable: false),
                    QualityPassed = table.Column<bool>(type: "boolean", nullable: false),
                    WrittenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_partitions", x => new { x.Dataset, x.Date });
                });

            migrationBuilder.CreateTable(
                name: "task_instances",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    DagId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TaskId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LogicalDate = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FailedTries = table.Column<int>(type: "integer", nullable: false),
                    InfrastructureRetries = table.Column<int>(type: "integer", nullable: false),
                    TryCount = table.Column<int>(type: "integer", nullable: false),
                    CurrentTryId = table.Column<Guid>(type: "uuid", nullable: true),
                    RetryAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SlaMissed = table.Column<bool>(type: "boolean", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_instances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "task_tries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TaskInstanceId = table.Column<long>(type: "bigint", nullable: false),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Worker = table.Column<string>(type: "text", nullable: true),
                    QueuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastHeartbeatAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Progress = table.Column<double>(type: "double precision", nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    ErrorType = table.Column<string>(type: "text", nullable: true),
                    ReportJson = table.Column<string>(type: "text", nullable: true),
                    DataQualityJson = table.Column<string>(type: "text", nullable: true),
                    Log = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_tries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_CreatedAt",
                table: "alerts",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_DedupeKey",
                table: "alerts",
                column: "DedupeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_backfills_State",
                table: "backfills",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_dag_runs_BackfillId",
                table: "dag_runs",
                column: "BackfillId");

            migrationBuilder.CreateIndex(
                name: "IX_dag_runs_DagId_LogicalDate",
                table: "dag_runs",
                columns: new[] { "DagId", "LogicalDate" });

            migrationBuilder.CreateIndex(
                name: "IX_dag_runs_DagId_RunKey",
                table: "dag_runs",
                columns: new[] { "DagId", "RunKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dag_runs_State_DagId",
                table: "dag_runs",
                columns: new[] { "State", "DagId" });

            migrationBuilder.CreateIndex(
                name: "IX_partitions_ObjectKey",
                table: "partitions",
                column: "ObjectKey");

            migrationBuilder.CreateIndex(
                name: "IX_task_instances_DagId_LogicalDate",
                table: "task_instances",
                columns: new[] { "DagId", "LogicalDate" });

            migrationBuilder.CreateIndex(
                name: "IX_task_instances_RunId_TaskId",
                table: "task_instances",
                columns: new[] { "RunId", "TaskId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_task_instances_State",
                table: "task_instances",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_task_tries_State",
                table: "task_tries",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_task_tries_TaskInstanceId",
                table: "task_tries",
                column: "TaskInstanceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "backfills");

            migrationBuilder.DropTable(
                name: "dag_runs");

            migrationBuilder.DropTable(
                name: "dag_versions");

            migrationBuilder.DropTable(
                name: "dags");

            migrationBuilder.DropTable(
                name: "leases");

            migrationBuilder.DropTable(
                name: "partitions");

            migrationBuilder.DropTable(
                name: "task_instances");

            migrationBuilder.DropTable(
                name: "task_tries");
        }
    }
}
