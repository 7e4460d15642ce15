using System.Diagnostics;

namespace Orchestrated.Cli.Tests.Support;

/// <summary>Runs the built <c>orchestrated</c> binary with its output redirected, as a script or a CI log sees it.</summary>
public static class Tool
{
    private static readonly string Configuration =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string Root { get; } = FindRoot();

    public static string Binary(string project, string dll) => Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", dll);

    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Binary("Orchestrated.Cli", "orchestrated.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["Orchestrated__StudentHashKey"] = "cli-test-key";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new CliResult(process.ExitCode, await output + await error);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrated.sln"))) return dir.FullName;
        throw new InvalidOperationException("Orchestrated.sln not found above the test binaries.");
    }
}
