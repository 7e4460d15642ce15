using System.Diagnostics;
using System.Text.RegularExpressions;
using Orchestrated.Storage.Objects;

namespace Orchestrated.EndToEnd.Tests.Support;

/// <summary>
/// The topology exactly as a user starts it without Docker: <c>deploy/local/start.sh</c> (its own RabbitMQ, s3rver and
/// PostgreSQL, the server with a login and an API key, two worker processes per step, an S3 bucket as storage),
/// stopped with <c>deploy/local/stop.sh</c>.
/// </summary>
public sealed class LocalScriptTopology : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("orchestrated-local-").FullName;
    public Dictionary<string, string> Env { get; } = [];
    public List<(string Name, int Pid)> Workers { get; } = [];
    public List<(string Name, int Pid, Uri Url)> StreamWorkers { get; } = [];
    public HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Temp folders are created 0700; PostgreSQL runs as its own user and must reach its data folder inside.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        string output;
        try
        {
            output = await RunAsync("deploy/local/start.sh", TimeSpan.FromMinutes(5));
        }
        catch
        {
            await RunAsync("deploy/local/stop.sh", TimeSpan.FromMinutes(2)); // whatever did start must not outlive the test
            throw;
        }
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(Folder, "env")))
            foreach (Match m in Regex.Matches(line, @"([A-Za-z_0-9]+)=(\S*)"))
                Env[m.Groups[1].Value] = m.Groups[2].Value;
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(Folder, "workers")))
        {
            var parts = line.Split(' ');
            Workers.Add((parts[0], int.Parse(parts[1])));
        }
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(Folder, "stream-workers")))
        {
            var parts = line.Split(' ');
            StreamWorkers.Add((parts[0], int.Parse(parts[1]), new Uri(parts[2].Replace("/health/ready", "", StringComparison.Ordinal))));
        }
        Api = new HttpClient { BaseAddress = new Uri(Env["ORCHESTRATED_SERVER"]) };
        Api.DefaultRequestHeaders.Add("X-Api-Key", Env["ORCHESTRATED_API_KEY"]);
        Assert.True(Workers.Count == 8, $"expected two workers per step, got {Workers.Count}:\n{output}");
    }

    /// <summary>
    /// Stops and starts this topology's own RabbitMQ application (its queues and their messages stay; every connection
    /// drops), a second down.
    /// </summary>
    public async Task RestartBrokerAsync()
    {
        var ctl = Path.Combine(Folder, "rabbitmq", "rabbitmqctl");
        await RunAsync(ctl, "stop_app");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await RunAsync(ctl, "start_app");
        await RunAsync(ctl, "-q", "await_startup", "--timeout", "60");
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {output}");
    }

    public IObjectStore Store => ObjectStores.Open(Env["Orchestrated__Storage"],
        new S3Options
        {
            ServiceUrl = Env["Orchestrated__S3__ServiceUrl"], AccessKey = Env["Orchestrated__S3__AccessKey"],
            SecretKey = Env["Orchestrated__S3__SecretKey"],
        });

    /// <summary>The last lines of a process's log in the topology folder (for a failure's message).</summary>
    public string LogOf(string name)
    {
        var path = Path.Combine(Folder, $"{name}.log");
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(30)) : "(no log)";
    }

    public string ServerLog => File.Exists(Path.Combine(Folder, "server.log")) ? File.ReadAllText(Path.Combine(Folder, "server.log")) : "";

    private async Task<string> RunAsync(string script, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, script)])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root,
        };
        start.Environment["ORCHESTRATED_LOCAL_DIR"] = Folder;
        start.Environment["WORKERS_PER_STEP"] = "2";
        start.Environment["ORCHESTRATED_CONFIGURATION"] = RepositoryPaths.Configuration;
        start.Environment["ORCHESTRATED_SKIP_BUILD"] = "1"; // the solution is built; the processes run what the tests test
        // A quick stream clock, and leases short enough that a killed stream worker's partitions move within seconds.
        start.Environment["Orchestrated__Stream__TickInterval"] = "00:00:00.250";
        start.Environment["Orchestrated__Stream__IdleTimeout"] = "00:00:01";
        start.Environment["Orchestrated__Stream__MicroBatchInterval"] = "00:00:00.500";
        start.Environment["Orchestrated__Stream__LeaseDuration"] = "00:00:04";
        start.Environment["Orchestrated__Stream__CheckpointInterval"] = "00:00:01";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        var output = await stdout + await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} failed ({process.ExitCode}):\n{output}");
        return output;
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        try { await RunAsync("deploy/local/stop.sh", TimeSpan.FromMinutes(2)); }
        finally
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }
    }
}
