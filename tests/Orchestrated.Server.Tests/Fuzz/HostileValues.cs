namespace Orchestrated.Server.Tests.Fuzz;

/// <summary>
/// Values a client can send that the server must refuse cleanly (or take): out of range, malformed, oversized,
/// path tricks, injection-looking text and odd Unicode. Each goes into every parameter and body property in turn.
/// </summary>
public static class HostileValues
{
    public static readonly string[] InPath =
    [
        "-1", "0", "99999999999999999999", "2147483648", "1e309", "NaN", "..", "%2e%2e", "%00", "%ff%fe", "a%2Fb",
        "' OR 1=1 --", "<script>", new string('x', 4000), "%F0%9F%92%A5", "0001-01-01", "9999-12-31", "2026-02-30",
        "00000000-0000-0000-0000-000000000000", "true",
    ];

    public static readonly string[] InQuery =
    [
        "", "-1", "0", "-2147483648", "2147483647", "99999999999999999999", "abc", "1.5", "NaN", "0001-01-01", "9999-12-31",
        "2026-13-01", "true", "null", "%00", new string('9', 5000), "running", "RUNNING", "💥",
    ];

    /// <summary>JSON values for one property, as raw JSON text.</summary>
    public static readonly string[] InBody =
    [
        "null", "0", "-1", "2147483648", "1e400", "-9223372036854775809", "\"\"", "\"0001-01-01\"", "\"9999-12-31\"",
        "\"2026-02-30\"", "\"not a date\"", "true", "[]", "{}", "[[[[[[[[[[]]]]]]]]]]", "{\"a\":{\"b\":{}}}",
        "\"" + new string('x', 100_000) + "\"", "\"\\u0000\"", "\"💥\"", "{\"x\":{\"y\":1}}",
    ];

    /// <summary>Whole bodies: not JSON, the wrong JSON, too deep, too big.</summary>
    public static readonly string[] Bodies =
    [
        "", "{", "null", "[]", "[1]", "\"x\"", "0", "{\"a\":", new string('[', 10_000) + new string(']', 10_000),
        "{" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"k{i}\":{i}")) + "}", "\uFEFF{}", "{}\u0000",
    ];
}
