using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Stats;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Tests.Support;

/// <summary>Reads what the steps wrote, through the same table readers a user's code would use.</summary>
public static class Outputs
{
    public static async Task<IReadOnlyList<SessionRow>> SessionsAsync(IObjectStore store, DateOnly date)
    {
        await using var s = await store.OpenReadAsync(Dataset.Sessions.PartKey(date));
        return SessionsTable.Read(s, date.ToString());
    }

    public static async Task<IReadOnlyList<DailyStatsRow>> DailyStatsAsync(IObjectStore store, DateOnly date)
    {
        await using var s = await store.OpenReadAsync(Dataset.DailyStats.PartKey(date));
        return DailyStatsTable.Read(s, date.ToString());
    }

    public static async Task<IReadOnlyList<SilverEventRow>> SilverEventsAsync(IObjectStore store, DateOnly date)
    {
        await using var s = await store.OpenReadAsync(Dataset.SilverEvents.PartKey(date));
        return SilverEventsFileReader.ReadAll(s, date.ToString());
    }

    public static async Task<IReadOnlyList<QuarantineRow>> QuarantineAsync(IObjectStore store, DateOnly date)
    {
        await using var s = await store.OpenReadAsync(Dataset.Quarantine.PartKey(date));
        return await QuarantineTable.ReadAsync(s, date.ToString());
    }
}
