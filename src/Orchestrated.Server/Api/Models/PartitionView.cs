namespace Orchestrated.Server.Api;

// What the REST API answers and accepts. States are the lower-case names the UI and the CLI show.

public sealed record PartitionView(string Dataset, DateOnly Date, string Status, string TaskId, long? RunId, long RowsWritten,
    DateTime? WrittenAt, DateTime? FinalSince, IReadOnlyList<string> ChangedInputs, IReadOnlyList<string> MissingInputs,
    IReadOnlyList<string> ProvisionalInputs, IReadOnlyList<string> Awaiting)
{
    public static PartitionView Of(Orchestrated.Workflows.Partitions.PartitionStatus s, string status, string taskId) => new(s.Dataset,
        s.Date, status, s.Partition?.TaskId ?? taskId, s.Partition?.RunId, s.Partition?.RowsWritten ?? 0, s.Partition?.WrittenAt,
        s.FinalSince, s.Changed.Select(c => c.What).ToList(), s.MissingInputs, s.ProvisionalInputs, s.Awaiting);
}
