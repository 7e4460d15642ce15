using Orchestrated.Server;

// Settings files are read from beside the binary, wherever it is started from; environment variables override them.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddOrchestratedServer();
var app = builder.Build();
await app.PrepareAsync();
app.MapOrchestratedApi();
await app.RunAsync();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
