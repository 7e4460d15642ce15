using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Metadata;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Api;

public static class DataEndpoints
{
    public static void MapDataEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/dags/{dagId}/data/daily", DailyAsync).WithTags("Data")
            .WithSummary("Per date, from the gold table: students, sessions, hours spent, average session length (for charts).")
            .WithName("GetDailyData");
        api.MapGet("/dags/{dagId}/data/{date}", DateAsync).WithTags("Data")
            .WithSummary("One date: rows per zone, quarantined events by reason, duplicates, data-quality results per task.")
            .WithName("GetDateData");
    }

    private static async Task<IResult> DailyAsync(string dagId, DateOnly? to, int? days, IObjectStore store, TimeProvider clock,
        CancellationToken ct)
    {
        var last = QueryBounds.Date("to", to) ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1);
        var count = QueryBounds.Count("days", days, 28, 366);
        var points = new List<DailyPoint>();
        for (var date = last.AddDays(1 - count); date <= last; date = date.AddDays(1))
        {
            var key = Dataset.DailyStats.PartKey(date);
            if (await store.StatAsync(key, ct) is null)
            {
                points.Add(new DailyPoint(date, false, 0, 0, 0, 0));
                continue;
            }
            await using var stream = await store.OpenReadAsync(key, ct);
            var rows = DailyStatsTable.Read(stream, store.Describe(key));
            var sessions = rows.Sum(r => (long)r.TotalSessions);
            var seconds = rows.Sum(r => r.TotalTimeSpentSec);
            points.Add(new DailyPoint(date, true, rows.Count, sessions, Math.Round(seconds / 3600.0, 1),
                sessions == 0 ? 0 : Math.Round(seconds / 60.0 / sessions, 1)));
        }
        return Results.Ok(points);
    }

    private static async Task<IResult> DateAsync(string dagId, DateOnly date, IDbContextFactory<MetadataDb> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var zones = await db.Partitions.AsNoTracking().Where(p => p.DagId == dagId && p.Date == date)
            .Select(p => new ZoneRows(p.Dataset, p.RowsWritten, p.TaskId, p.WrittenAt)).ToListAsync(ct);
        // The latest instance of each task for the date, and its latest try's report.
        var instances = await db.TaskInstances.AsNoTracking().Where(t => t.DagId == dagId && t.LogicalDate == date).ToListAsync(ct);
        var tasks = new List<TaskQuality>();
        foreach (var instance in instances.GroupBy(t => t.TaskId).Select(g => g.MaxBy(t => t.RunId)!))
        {
            var last = await db.Tries.AsNoTracking().Where(t => t.TaskInstanceId == instance.Id).OrderByDescending(t => t.Number)
                .FirstOrDefaultAsync(ct);
            var report = last?.ReportJson is { } json ? JsonDocument.Parse(json).RootElement : (JsonElement?)null;
            tasks.Add(new TaskQuality(instance.TaskId, instance.State.Name(),
                Long(report, "rowsRead"), Long(report, "rowsWritten"), Long(report, "duplicates"), Counts(report, "quarantined"),
                last?.DataQualityJson is { } dq ? JsonDocument.Parse(dq).RootElement.EnumerateArray().Select(e => e.Clone()).ToList() : [],
                Counts(report, "anomalies")));
        }
        return Results.Ok(new DateData(date, zones.OrderBy(z => z.Dataset).ToList(), tasks.OrderBy(t => t.TaskId).ToList()));
    }

    private static long Long(JsonElement? report, string name) =>
        report is { } r && r.TryGetProperty(name, out var v) && v.TryGetInt64(out var n) ? n : 0;

    private static Dictionary<string, long> Counts(JsonElement? report, string name) =>
        report is { } r && r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object
            ? v.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64())
            : [];
}
