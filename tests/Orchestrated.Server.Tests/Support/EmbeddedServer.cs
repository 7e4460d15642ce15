using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrated.Pipeline.Sample;

namespace Orchestrated.Server.Tests.Support;

/// <summary>
/// The server in its embedded default — in-memory broker, workers in process, SQLite, a local folder — on sample
/// data, reached through its REST API.
/// </summary>
public class EmbeddedServer : WebApplicationFactory<Program>
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("orchestrated-embedded-").FullName;
    public string Storage => Path.Combine(Folder, "data");
    public static readonly DateOnly SampleStart = new(2026, 3, 2);

    public EmbeddedServer()
    {
        SampleDataGenerator.Write(Storage, new SampleOptions(SampleStart, Days: 4, Students: 40));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orchestrated:Storage", Storage);
        builder.UseSetting("Orchestrated:Database:ConnectionString", $"Data Source={Path.Combine(Folder, "meta.db")}");
        builder.UseSetting("Orchestrated:Scheduler:WorkflowsFolder", Path.Combine(AppContext.BaseDirectory, "workflows"));
        builder.UseSetting("Orchestrated:Scheduler:TickInterval", "00:00:00.200");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        if (Steps is { } steps)
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<Orchestrated.Pipeline.Steps.StepRegistry>();
                services.AddSingleton(steps);
            });
    }

    /// <summary>The steps the server and its in-process workers know, when not the standard ones.</summary>
    protected virtual Orchestrated.Pipeline.Steps.StepRegistry? Steps => null;

    public async Task<JsonElement> WaitForAsync(HttpClient client, string url, Func<JsonElement, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await client.GetFromJsonAsync<JsonElement>(url);
            if (done(last)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{url} did not reach the expected state; last answer: {last}");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
