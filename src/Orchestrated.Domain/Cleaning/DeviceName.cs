namespace Orchestrated.Domain.Cleaning;

/// <summary>The contract's device rule: trimmed and lower-cased; missing or empty becomes <c>unknown</c>.</summary>
public static class DeviceName
{
    public const string Unknown = "unknown";

    public static string Normalize(ReadOnlySpan<char> raw)
    {
        var trimmed = raw.Trim();
        return trimmed.IsEmpty ? Unknown : trimmed.ToString().ToLowerInvariant();
    }

    public static string Normalize(string? raw) => raw is null ? Unknown : Normalize(raw.AsSpan());
}
