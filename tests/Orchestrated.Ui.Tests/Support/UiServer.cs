using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Orchestrated.Pipeline.Sample;

namespace Orchestrated.Ui.Tests.Support;

/// <summary>
/// The server as users start it (its own process, embedded default, sample data) and a headless chromium. The DAG is
/// the shipped one with quick retries, a start date in the future and no automatic re-runs, so every run on screen is
/// one a test made.
/// </summary>
public class UiServer : IAsyncLifetime
{
    public static readonly DateOnly SampleStart = new(2026, 3, 2);
    public string Folder { get; } = Directory.CreateTempSubdirectory("orchestrated-ui-").FullName;
    public string Storage => Path.Combine(Folder, "data");
    public string Url { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    private Process? _server;
    private IPlaywright? _playwright;
    private readonly List<string> _log = [];

    public static string Root { get; } = FindRoot();
    public static string Screenshots => Path.Combine(Root, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        await PrepareStorageAsync();
        var workflows = Path.Combine(Folder, "workflows");
        Directory.CreateDirectory(workflows);
        var dag = JsonNode.Parse(
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "workflows", "session_duration.json")))!.AsObject();
        dag["start_date"] = "2030-01-01";
        // Stale partitions wait for a click here, so a test can look at them before they are recomputed.
        dag["rerun_stale_within"] = "off";
        dag["default_task_settings"]!["retries"] = 1;
        dag["default_task_settings"]!["retry_delay"] = "1s";
        dag["default_task_settings"]!["retry_exponential_backoff"] = false;
        dag["default_task_settings"]!["max_retry_delay"] = "1s";
        await File.WriteAllTextAsync(Path.Combine(workflows, "session_duration.json"), dag.ToJsonString(new() { WriteIndented = true }));

        var port = FreePort();
        Url = $"http://127.0.0.1:{port}";
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(Root, "src/Orchestrated.Server/bin", configuration, "net10.0/orchestrated-server.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new List<string> { dll, "--Urls", Url, "--Orchestrated:Storage", Storage,
                     "--Orchestrated:Database:ConnectionString", $"Data Source={Path.Combine(Folder, "meta.db")}",
                     "--Orchestrated:Scheduler:WorkflowsFolder", workflows, "--Orchestrated:Scheduler:TickInterval", "00:00:00.500" }
                     .Concat(ExtraArguments))
            start.ArgumentList.Add(arg);
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, e) => { lock (_log) _log.Add(e.Data ?? ""); };
        _server.ErrorDataReceived += (_, e) => { lock (_log) _log.Add(e.Data ?? ""); };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        Api = new HttpClient { BaseAddress = new Uri(Url) };
        for (var i = 0; ; i++)
        {
            try { if ((await Api.GetAsync("/health")).IsSuccessStatusCode) break; }
            catch (HttpRequestException) when (i < 150) { }
            if (_server.HasExited) throw new InvalidOperationException("The server exited:\n" + ServerLog());
            await Task.Delay(200);
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>What the storage holds before the server starts: by default a week of sample raw data.</summary>
    protected virtual Task PrepareStorageAsync()
    {
        SampleDataGenerator.Write(Storage, new SampleOptions(SampleStart, Days: 7, Students: 60));
        return Task.CompletedTask;
    }

    /// <summary>More settings for the server, as <c>--Section:Key value</c> pairs.</summary>
    protected virtual string[] ExtraArguments => [];

    public async Task<IPage> OpenAsync(string hash = "#/dag")
    {
        var context =
            await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(Url + "/" + hash);
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });

    public string ServerLog() { lock (_log) return string.Join('\n', _log.TakeLast(60)); }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrated.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Orchestrated.sln not found above the test binaries.");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Api?.Dispose();
        if (_server is { HasExited: false }) { _server.Kill(entireProcessTree: true); await _server.WaitForExitAsync(); }
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
