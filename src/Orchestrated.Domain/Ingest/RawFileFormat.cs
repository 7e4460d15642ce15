namespace Orchestrated.Domain.Ingest;

/// <summary>Which files of a raw folder are events: <c>.json</c>, <c>.jsonl</c>, <c>.ndjson</c>, each optionally gzipped.</summary>
public static class RawFileFormat
{
    private static readonly string[] Extensions = [".json", ".jsonl", ".ndjson"];

    public static bool IsEventFile(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        if (name.StartsWith('.') || name.StartsWith('_')) return false; // hidden files and markers such as _SUCCESS
        if (IsGzip(name)) name = name[..^3];
        return Extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    public static bool IsGzip(string key) => key.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
}
