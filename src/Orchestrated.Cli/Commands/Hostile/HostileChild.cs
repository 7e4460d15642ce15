using System.Diagnostics;

namespace Orchestrated.Cli.Commands.Hostile;

/// <summary>
/// Runs one hostile case in a child process of this same tool (<c>bench-hostile --in-process</c>) and reads its
/// figures back.
/// </summary>
public static class HostileChild
{
    public static async Task<HostileMeasurement> MeasureAsync(string name, string work, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        // Under `dotnet orchestrated.dll` the process is dotnet: the tool's own assembly comes first.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(typeof(HostileChild).Assembly.Location);
        foreach (var arg in new[] { "bench-hostile", "--in-process", "--cases", name, "--work-dir", work }) start.ArgumentList.Add(arg);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("the child process did not start");
        var output = child.StandardOutput.ReadToEndAsync(ct);
        var errors = child.StandardError.ReadToEndAsync(ct);
        await child.WaitForExitAsync(ct);
        var lines = (await output).Split('\n');
        return lines.Select(l => HostileMeasurement.Parse(l.TrimEnd('\r'))).FirstOrDefault(m => m is not null)
            ?? throw new InvalidOperationException($"case {name} (exit {child.ExitCode}) printed no figures: {await errors}{await output}");
    }
}
