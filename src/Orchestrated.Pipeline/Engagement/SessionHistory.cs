using Orchestrated.Domain.Sessions;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>The <c>silver/sessions</c> partitions of a span of dates, read into one list; a date without one has no sessions.</summary>
public static class SessionHistory
{
    public static async Task<IReadOnlyList<SessionRow>> ReadAsync(IObjectStore store, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var sessions = new List<SessionRow>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            var key = Dataset.Sessions.PartKey(date);
            if (await store.StatAsync(key, ct) is null) continue;
            await using var stream = await store.OpenReadAsync(key, ct);
            sessions.AddRange(SessionsTable.Read(stream, store.Describe(key)));
        }
        return sessions;
    }
}
