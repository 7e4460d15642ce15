using Orchestrated.Server;

namespace Orchestrated.Benchmarks;

/// <summary>The server as the benchmarks run it: in their own process, on the settings given, started and ready.</summary>
public static class InProcessServer
{
    public static async Task<WebApplication> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddOrchestratedServer();
        var app = builder.Build();
        await app.PrepareAsync();
        app.MapOrchestratedApi();
        await app.StartAsync();
        return app;
    }
}
