namespace Orchestrated.Server.Reports;

/// <summary>Which dataset and date an object key belongs to: <c>silver/sessions/date=2026-03-02/part-00000.parquet</c>.</summary>
public sealed record PartitionKey(string Dataset, DateOnly Date)
{
    public static PartitionKey? Parse(string key, IEnumerable<Orchestrated.Storage.Layout.Dataset> datasets)
    {
        foreach (var dataset in datasets)
        {
            if (!key.StartsWith(dataset.Prefix + "/date=", StringComparison.Ordinal)) continue;
            var dateText = key.AsSpan(dataset.Prefix.Length + 6, 10);
            if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", out var date)) return new PartitionKey(dataset.Name, date);
        }
        return null;
    }
}
