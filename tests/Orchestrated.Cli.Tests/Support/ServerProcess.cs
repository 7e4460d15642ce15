using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Orchestrated.Cli.Tests.Support;

/// <summary>The workflow server in its embedded default, in its own process on a free port, for the tool to talk to.</summary>
public sealed class ServerProcess : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrated-cli-server-").FullName;
    private Process? _process;

    public string Url { get; private set; } = "";
    public string Folder => _folder;

    public async Task InitializeAsync()
    {
        var workflows = Path.Combine(_folder, "workflows");
        Directory.CreateDirectory(workflows);
        var dag = JsonNode.Parse(
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "workflows", "session_duration.json")))!.AsObject();
        dag["start_date"] = "2030-01-01"; // the schedule creates nothing: the runs are the tests'
        await File.WriteAllTextAsync(Path.Combine(workflows, "session_duration.json"), dag.ToJsonString());
        using (var socket = new TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndpoint).Port}";
        }
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Tool.Binary("Orchestrated.Server", "orchestrated-server.dll"), "--Urls", Url,
                     "--Orchestrated:Storage", Path.Combine(_folder, "data"), "--Orchestrated:Database:ConnectionString",
                     $"Data Source={Path.Combine(_folder, "meta.db")}", "--Orchestrated:Scheduler:WorkflowsFolder", workflows })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 150; i++)
        {
            try { if ((await http.GetAsync($"{Url}/health")).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            if (_process.HasExited) throw new InvalidOperationException("the server exited at start");
            await Task.Delay(200);
        }
        throw new TimeoutException("the server did not answer /health");
    }

    public Task DisposeAsync()
    {
        try { _process?.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process?.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
