using System.Net;

namespace Orchestrated.Server.Security;

/// <summary>Which of the configured listen URLs other machines could reach (anything but a loopback address).</summary>
public static class ListenAddresses
{
    /// <returns>The first URL that is not loopback (wildcards such as <c>0.0.0.0</c>, <c>*</c>, <c>+</c>, <c>[::]</c>
    /// included), or null when all are loopback. Unset means ASP.NET Core's default, <c>http://localhost:5000</c>.</returns>
    public static string? FirstReachableFromOutside(string? urls)
    {
        if (string.IsNullOrWhiteSpace(urls)) return null;
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!IsLoopback(url)) return url;
        return null;
    }

    private static bool IsLoopback(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var host = rest.StartsWith('[') ? rest[..(rest.IndexOf(']') + 1)] : rest.Split(':', '/')[0];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
