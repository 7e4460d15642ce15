using Orchestrated.Execution;
using Orchestrated.Execution.Configuration;
using Orchestrated.Execution.Health;
using Orchestrated.Execution.Messaging;
using Orchestrated.Execution.Telemetry;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Worker;

// orchestrated-worker [--steps ingest,clean] [--concurrency 2] [--name worker-1]; everything else from appsettings,
// ORCHESTRATED__* / Orchestrated__* variables or --Section:Key flags. Health on `Urls` (default a free loopback port).
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
{
    Args = WorkerArguments.Normalise(args),
    ContentRootPath = AppContext.BaseDirectory, // settings files beside the binary, wherever it is started from
});
builder.AddOrchestratedTelemetry("orchestrated-worker");
builder.Services.AddStepExecution(builder.Configuration);
builder.Services.AddOrchestratedBus(builder.Services.AddBound<BrokerOptions>(builder.Configuration, BrokerOptions.Section),
    x => x.AddStepConsumer(),
    (context, cfg) => cfg.ConfigureStepEndpoints(context, context.GetRequiredService<WorkerOptions>()));
// Give a running try time to hand itself back (it publishes "abandoned") before the process exits.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
if (string.IsNullOrEmpty(builder.Configuration["Urls"])) builder.WebHost.UseUrls("http://127.0.0.1:0");
var app = builder.Build();
app.MapOrchestratedHealth();
var worker = app.Services.GetRequiredService<WorkerOptions>();
await app.StartAsync();
app.Logger.LogInformation("worker {Name} consumes {Steps} with concurrency {Concurrency}; health at {Urls}",
    app.Services.GetRequiredService<WorkerIdentity>().Name,
    string.Join(", ", worker.HostedSteps(app.Services.GetRequiredService<StepRegistry>())), worker.Concurrency,
    string.Join(", ", app.Urls));
await app.WaitForShutdownAsync();
