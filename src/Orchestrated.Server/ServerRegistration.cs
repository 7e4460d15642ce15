using Microsoft.Extensions.DependencyInjection.Extensions;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrated.Contracts;
using Orchestrated.Execution.Configuration;
using Orchestrated.Execution;
using Orchestrated.Execution.Health;
using Orchestrated.Execution.Messaging;
using Orchestrated.Execution.Streaming;
using Orchestrated.Execution.Telemetry;
using Orchestrated.Server.Alerts;
using Orchestrated.Server.Api;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Operations;
using Orchestrated.Server.Reports;
using Orchestrated.Server.Scheduling;
using Orchestrated.Server.Security;

namespace Orchestrated.Server;

/// <summary>The server's composition, grouped so Program.cs stays a few lines.</summary>
public static class ServerRegistration
{
    public static WebApplicationBuilder AddOrchestratedServer(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;
        builder.AddOrchestratedTelemetry("orchestrated-server");
        var scheduler = services.AddBound<SchedulerOptions>(config, SchedulerOptions.Section);
        var broker = services.AddBound<BrokerOptions>(config, BrokerOptions.Section);
        var server = services.AddBound<ServerOptions>(config, ServerOptions.Section);
        services.AddBound<AlertOptions>(config, AlertOptions.Section);
        services.AddBound<CollectorOptions>(config, CollectorOptions.Section);
        var stream = services.AddBound<StreamOptions>(config,
            StreamOptions.Section);
        // The event stream: RabbitMQ stream queues beside the broker, or in process with the embedded one.
        if (broker.Transport == BrokerTransport.InMemory)
            services.AddSingleton<IEventLog>(new InMemoryEventLog(stream.Partitions));
        else
            services.AddSingleton<IEventLog>(_ => new RabbitMqEventLog(broker, stream)); // made by the container, so it disposes it
        // The stream sessionizer on the partitions this process holds, with ticks as the stream's clock.
        services.AddSingleton<Streaming.StreamPartitionReports>(); // written by owners, read by every Live page
        if (stream.HostSessionizer)
        {
            services.AddSingleton<ILateEventLedger, Streaming.LateEventLedger>();
            services.AddSingleton<Streaming.StreamSessionsService>();
            services.AddHostedService(sp => sp.GetRequiredService<Streaming.StreamSessionsService>());
            services.AddHostedService<StreamTicker>();
        }
        services.AddMetadataDb(services.AddBound<DatabaseOptions>(config, DatabaseOptions.Section));
        services.AddSingleton(TimeProvider.System);
        // No request logging: the default handler logs each URL, and a webhook URL holds its token.
        services.AddHttpClient("alerts").RemoveAllLoggers();

        services.AddOrchestration();
        services.AddSingleton(sp => new LeaderLease(sp.GetRequiredService<IDbContextFactory<MetadataDb>>(),
            sp.GetRequiredService<TimeProvider>(), $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}"[..^24]));
        if (scheduler.Enabled)
        {
            services.AddHostedService<SchedulerLoop>();
            services.AddHostedService<AlertDeliveryLoop>();
        }

        var hostWorkers = broker.Transport == BrokerTransport.InMemory || server.HostWorkers;
        if (hostWorkers) services.AddStepExecution(config);
        else services.AddStorage(config);
        services.AddHealthChecks()
            .AddCheck<Health.MetadataDbHealthCheck>("metadata-db", tags: [Orchestrated.Execution.Health.HealthEndpoints.Ready]);
        services.AddOrchestratedBus(broker,
            x =>
            {
                x.AddConsumer<TaskTryStartedConsumer>();
                x.AddConsumer<TaskTryHeartbeatConsumer>();
                x.AddConsumer<TaskTrySucceededConsumer>();
                x.AddConsumer<TaskTryFailedConsumer>();
                if (hostWorkers) x.AddStepConsumer();
            },
            (context, cfg) =>
            {
                cfg.ReceiveEndpoint(StepQueues.Server, e =>
                {
                    // Short retries for a busy database; a report is never dropped for a transient fault.
                    e.UseMessageRetry(r => r.Intervals(100, 500, 2000, 5000));
                    e.ConfigureConsumer<TaskTryStartedConsumer>(context);
                    e.ConfigureConsumer<TaskTryHeartbeatConsumer>(context);
                    e.ConfigureConsumer<TaskTrySucceededConsumer>(context);
                    e.ConfigureConsumer<TaskTryFailedConsumer>(context);
                });
                if (hostWorkers) cfg.ConfigureStepEndpoints(context, context.GetRequiredService<WorkerOptions>());
            });

        var auth = services.AddBound<AuthOptions>(config, AuthOptions.Section);
        if (!auth.Enabled && !auth.AllowAnonymous && broker.Transport != BrokerTransport.InMemory)
            throw new InvalidOperationException(
                "A distributed server needs authentication: configure Orchestrated:Auth (API keys or an admin login), " +
                "or set Orchestrated:Auth:AllowAnonymous=true if it is only reachable from trusted machines.");
        if (!auth.Enabled && !auth.AllowAnonymous && ListenAddresses.FirstReachableFromOutside(config["urls"]) is { } exposed)
            throw new InvalidOperationException(
                $"The server would listen on {exposed} with authentication off: anyone who can reach it could trigger, backfill " +
                "and clear runs. Configure Orchestrated:Auth (API keys or an admin login), listen on a loopback address (Urls), " +
                "or set Orchestrated:Auth:AllowAnonymous=true if only trusted machines can reach it.");
        services.AddOrchestratedSecurity(auth);
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<Api.OpenApi.ApiDocument>();
            o.AddOperationTransformer<Api.OpenApi.ProblemResponses>();
        });
        services.AddProblemDetails();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestProblems>();
        services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    /// <summary>The scheduler, its decisions' executors, report handling, alerts and operations: the server's core services.</summary>
    public static IServiceCollection AddOrchestration(this IServiceCollection services)
    {
        services.TryAddSingleton(Orchestrated.Pipeline.Steps.StepRegistry.Standard);
        services.AddSingleton<DagCatalog>();
        services.AddSingleton<SchedulerSignal>();
        services.AddSingleton<TryDispatcher>();
        services.AddSingleton<TaskFailures>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<SlaMonitor>();
        services.AddSingleton<TryWatch>();
        services.AddSingleton<Reruns>();
        services.AddSingleton<Scheduler>();
        services.AddSingleton<PartitionLedger>();
        services.AddSingleton<TryReports>();
        services.AddSingleton<WebhookNotifier>();
        services.AddSingleton<RunOperations>();
        services.AddSingleton<BackfillOperations>();
        return services;
    }

    /// <summary>Migrates the metadata database and loads the DAG files before the server takes requests.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<SchedulerOptions>();
        await app.Services.GetRequiredService<IDbContextFactory<MetadataDb>>().MigrateAsync();
        await app.Services.GetRequiredService<DagCatalog>().SyncFolderAsync(ResolveFolder(options.WorkflowsFolder), CancellationToken.None);
        if (app.Services.GetRequiredService<BrokerOptions>().Transport == BrokerTransport.InMemory)
            app.Logger.LogInformation("embedded mode: in-memory broker, workers in this process");
    }

    public static WebApplication MapOrchestratedApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        // An empty 4xx (a parameter that does not bind, an unknown route, a wrong method) gets a problem details body too.
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeaders>();
        // The designer UI: static files beside the binary (copied on build), so it works from bin/ in any environment.
        var ui = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = ui });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = ui });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // Who first (401 before anything else is said about the request), then whether it may change state from there.
        app.UseMiddleware<AccessGate>();
        app.UseMiddleware<CrossSiteGuard>();
        app.UseMiddleware<RequestBodyLimit>();
        var auth = app.Services.GetRequiredService<AuthOptions>();
        if (!auth.Enabled)
            app.Logger.LogWarning("authentication is off: anyone who can reach this server may trigger, backfill and clear runs. " +
                                  "Configure Orchestrated:Auth (API keys, an admin login) for anything but a single-user machine.");
        app.MapAuthEndpoints(auth);
        app.MapOpenApi();
        var api = app.MapGroup("/api").AddEndpointFilter<ApiErrors>();
        api.MapDagEndpoints();
        api.MapRunEndpoints();
        api.MapBackfillEndpoints();
        api.MapAlertEndpoints();
        api.MapPartitionEndpoints();
        api.MapDataEndpoints();
        api.MapStepEndpoints();
        api.MapCollectorEndpoints(app.Services.GetRequiredService<CollectorOptions>());
        api.MapLiveEndpoints();
        api.MapEngagementEndpoints();
        app.MapOrchestratedHealth();
        return app;
    }

    /// <summary>A relative workflows folder is looked up from the working directory, then beside the binary.</summary>
    private static string ResolveFolder(string folder)
    {
        if (Path.IsPathRooted(folder) || Directory.Exists(folder)) return folder;
        var besideBinary = Path.Combine(AppContext.BaseDirectory, folder);
        return Directory.Exists(besideBinary) ? besideBinary : folder;
    }
}
