using Orchestrated.Execution;
using Orchestrated.Execution.Messaging;
using Orchestrated.Worker;

// orchestrated-worker [--steps ingest,clean] [--concurrency 2]; everything else from appsettings or ORCHESTRATED__* variables.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = WorkerArguments.Normalise(args),
    ContentRootPath = AppContext.BaseDirectory, // settings files beside the binary, wherever it is started from
});
builder.Services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddStepExecution(builder.Configuration);
builder.Services.AddOrchestratedBus(builder.Configuration,
    x => x.AddStepConsumer(),
    (context, cfg) => cfg.ConfigureStepEndpoints(context, context.GetRequiredService<WorkerOptions>()));
// Give a running try time to hand itself back (it publishes "abandoned") before the process exits.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
var host = builder.Build();
var worker = host.Services.GetRequiredService<WorkerOptions>();
host.Services.GetRequiredService<ILogger<WorkerIdentity>>().LogInformation("worker {Name} consumes {Steps} with concurrency {Concurrency}",
    host.Services.GetRequiredService<WorkerIdentity>().Name, string.Join(", ", worker.HostedSteps()), worker.Concurrency);
await host.RunAsync();
