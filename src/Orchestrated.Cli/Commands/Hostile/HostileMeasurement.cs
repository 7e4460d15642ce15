using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrated.Cli.Commands.Hostile;

/// <summary>What reading one hostile case cost, as a machine-readable line a parent process parses back.</summary>
public sealed partial record HostileMeasurement(long OnDisk, double Seconds, long PeakMib, string Outcome)
{
    public string Line(string name) => string.Create(CultureInfo.InvariantCulture,
        $"HOSTILE case={name} on_disk={OnDisk} seconds={Seconds:F2} peak_mib={PeakMib} outcome={Outcome}");

    public static HostileMeasurement? Parse(string line)
    {
        var m = Pattern().Match(line);
        return m.Success
            ? new HostileMeasurement(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
                double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
                m.Groups[4].Value)
            : null;
    }

    [GeneratedRegex(@"^HOSTILE case=\S+ on_disk=(\d+) seconds=([\d.]+) peak_mib=(\d+) outcome=(.*)$")]
    private static partial Regex Pattern();
}
