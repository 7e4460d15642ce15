using Orchestrated.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddOrchestratedServer();
var app = builder.Build();
await app.PrepareAsync();
app.MapOrchestratedApi();
await app.RunAsync();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
