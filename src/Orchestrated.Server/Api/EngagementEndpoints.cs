using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrated.Domain.Engagement;
using Orchestrated.Pipeline.Engagement;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Server.Api;

public static class EngagementEndpoints
{
    /// <summary>
    /// A metric with nothing to measure (no positive among the evaluated rows) is NaN: written as such, never a failure.
    /// </summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void MapEngagementEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/engagement/risk", RiskAsync).WithTags("Engagement")
            .WithSummary("The students scored as of a date (the latest scored one up to it), by band and course: risk, trend, reasons.")
            .WithName("GetStudentRisk");
        api.MapGet("/engagement/sessions", SessionsAsync).WithTags("Engagement")
            .WithSummary("The anomalous sessions of a date (the latest scored one up to it): score, the rules they break, why in words.")
            .WithName("GetAnomalousSessions");
        api.MapGet("/engagement/models", ModelsAsync).WithTags("Engagement")
            .WithSummary("The dropout model's versions: metrics against the baseline, ROC and reliability curves, which one is published.")
            .WithName("GetModels");
    }

    private static async Task<IResult> RiskAsync(DateOnly? date, string? band, string? course, int? limit, IObjectStore store,
        TimeProvider clock, CancellationToken ct)
    {
        var upTo = QueryBounds.Date("date", date) ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var count = QueryBounds.Count("limit", limit, 200, 10_000);
        if (band is not null && band is not (RiskBand.High or RiskBand.Medium or RiskBand.Low))
            throw ApiErrors.Invalid($"band must be {RiskBand.High}, {RiskBand.Medium} or {RiskBand.Low}; it is '{band}'.");
        if (await LatestAsync(store, Dataset.StudentRisk, upTo, ct) is { } d)
        {
            var key = Dataset.StudentRisk.PartKey(d);
            await using var stream = await store.OpenReadAsync(key, ct);
            var rows = StudentRiskTable.Read(stream, store.Describe(key));
            var shown = rows.Where(r => band is null || r.Band == band)
                .Where(r => course is null || r.Courses.Split(';').Contains(course, StringComparer.Ordinal)).OrderByDescending(r => r.Risk)
                .ThenBy(r => r.StudentHash, StringComparer.Ordinal).Take(count)
                .Select(r => new StudentRiskView(r.StudentHash, r.Risk, r.Band, r.RiskWeekAgo, r.Trend,
                    r.Reasons.Length == 0 ? [] : r.Reasons.Split("; "), r.Courses.Length == 0 ? [] : r.Courses.Split(';'))).ToList();
            var courses = rows.SelectMany(r => r.Courses.Length == 0 ? [] : r.Courses.Split(';')).Distinct().Order(StringComparer.Ordinal)
                .ToList();
            return Results.Ok(new StudentRiskPage(d, rows.FirstOrDefault()?.ModelVersion, rows.Count,
                rows.GroupBy(r => r.Band).ToDictionary(g => g.Key, g => g.Count()), courses, shown));
        }
        return Results.Ok(new StudentRiskPage(null, null, 0, new Dictionary<string, int>(), [], []));
    }

    private static async Task<IResult> SessionsAsync(DateOnly? date, int? limit, IObjectStore store, TimeProvider clock,
        CancellationToken ct)
    {
        var upTo = QueryBounds.Date("date", date) ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var count = QueryBounds.Count("limit", limit, 200, 10_000);
        if (await LatestAsync(store, Dataset.SessionScores, upTo, ct) is not { } scored)
            return Results.Ok(new AnomalousSessionsPage(null, null, 0, 0, []));
        var key = Dataset.SessionScores.PartKey(scored);
        await using var stream = await store.OpenReadAsync(key, ct);
        var rows = SessionScoresTable.Read(stream, store.Describe(key));
        var anomalous = rows.Where(r => r.Anomalous).OrderByDescending(r => r.AnomalyScore).ThenBy(r => r.SessionId, StringComparer.Ordinal)
            .ToList();
        return Results.Ok(new AnomalousSessionsPage(scored, rows.FirstOrDefault()?.ModelVersion, rows.Count, anomalous.Count,
            anomalous.Take(count).Select(r => new AnomalousSessionView(r.SessionId, r.StudentHash,
                DateTimeOffset.FromUnixTimeMilliseconds(r.SessionStart / 1000), r.AnomalyScore,
                r.Flags.Length == 0 ? [] : r.Flags.Split(';'), r.Why.Length == 0 ? [] : r.Why.Split("; "))).ToList()));
    }

    /// <summary>The latest date up to <paramref name="upTo"/> with a partition of the dataset, however long ago.</summary>
    private static async Task<DateOnly?> LatestAsync(IObjectStore store, Dataset dataset, DateOnly upTo, CancellationToken ct) =>
        (await store.ListAsync(dataset.Prefix + "/", ct)).Select(o => dataset.DateOf(o.Key)).Where(d => d <= upTo).Max();

    private static async Task<IResult> ModelsAsync(IObjectStore store, CancellationToken ct)
    {
        var models = new ModelStore(store);
        var anomaly = await models.PublishedVersionAsync(ModelStore.Anomaly, ct);
        return Results.Json(new ModelsPage(await models.PublishedVersionAsync(ModelStore.Dropout, ct),
            await models.ListAsync(ModelStore.Dropout, ct),
            anomaly is null ? null : await models.CardAsync<AnomalyCard>(ModelStore.Anomaly, anomaly, ct),
            (await models.ListAsync<EarlyWarningCard>(ModelStore.EarlyWarning, ct)).LastOrDefault()), Json);
    }
}
