using System.Diagnostics;

namespace Orchestrated.Cli.Commands;

/// <summary>Peak resident memory of this process, resettable on Linux so a phase can be measured on its own.</summary>
public static class PeakMemory
{
    public static void Reset()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public static long ReadBytes()
    {
        if (File.Exists("/proc/self/status"))
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line[6..].Trim().Split(' ')[0], out var kib)) return kib * 1024;
        }
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
