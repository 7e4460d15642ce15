using System.Text.Json;
using Orchestrated.Server.Metadata;

namespace Orchestrated.Server.Reports;

/// <summary>
/// Keeps a try's executions (<see cref="TryExecution"/>) in its record, as JSON beside the try's own state: the try
/// says what was decided, the executions what actually ran. Bounded, so a message redelivered without end cannot grow
/// a row without end: the first executions and the latest are kept.
/// </summary>
public static class TryExecutions
{
    public const int MaxKept = 20;
    public const string Running = "running", Success = "success", Failed = "failed", Lost = "lost";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<TryExecution> Of(TaskTryRecord attempt) =>
        attempt.ExecutionsJson is { } json ? JsonSerializer.Deserialize<List<TryExecution>>(json, Json)! : [];

    /// <summary>A report from a running execution: the first one adds it, later ones move its last-seen time.</summary>
    public static void Seen(TaskTryRecord attempt, Guid execution, string worker, DateTime at) =>
        Update(attempt, execution, worker, at, e => e.Outcome == Running ? e with { LastSeenAt = at, Worker = worker } : e);

    /// <summary>An execution finished; <paramref name="counted"/> says whether its outcome decided the try.</summary>
    public static void Ended(TaskTryRecord attempt, Guid execution, string worker, DateTime at, string outcome, bool counted,
        string? note) =>
        Update(attempt, execution, worker, at, e => e.Outcome is Running or Lost
            ? e with { LastSeenAt = at, EndedAt = at, Outcome = outcome, Counted = counted, Note = note, Worker = worker }
            : e);

    /// <summary>The watchdog gave up on the try: what was still running is lost (unless it reports after all).</summary>
    public static void LoseRunning(TaskTryRecord attempt, DateTime at, string why)
    {
        var list = Of(attempt).Select(e => e.Outcome == Running ? e with { Outcome = Lost, EndedAt = at, Note = why } : e).ToList();
        if (list.Count > 0) attempt.ExecutionsJson = JsonSerializer.Serialize(list, Json);
    }

    private static void Update(TaskTryRecord attempt, Guid execution, string worker, DateTime at, Func<TryExecution, TryExecution> change)
    {
        var list = Of(attempt).ToList();
        // A worker that predates execution ids sends none: its reports are told apart by worker name alone.
        var index = list.FindIndex(e => e.Id == execution && (execution != Guid.Empty || e.Worker == worker));
        if (index < 0)
        {
            list.Add(new TryExecution(execution, worker, at, at, null, Running, false, null));
            if (list.Count > MaxKept) list.RemoveAt(MaxKept / 2);
            index = list.Count - 1;
        }
        list[index] = change(list[index]);
        attempt.ExecutionsJson = JsonSerializer.Serialize(list, Json);
    }
}
