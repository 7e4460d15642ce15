namespace Orchestrated.Workflows.Partitions;

/// <summary>
/// An object a partition was built from, as it was then; <see cref="Dataset"/> and <see cref="Date"/> name its partition
/// when it is one (a raw file is not). An absent input is a partition looked for and not found.
/// </summary>
public sealed record LedgerInput(string Key, string Version, string? Dataset, DateOnly? Date)
{
    public const string AbsentVersion = "absent";

    public bool Absent => Version == AbsentVersion;
}
