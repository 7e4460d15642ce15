using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrated.Execution.Configuration;
using Orchestrated.Execution.Messaging;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Execution;

public static class ExecutionRegistration
{
    /// <summary>What a process needs to run tries: the pipeline's settings, its storage, the step runner.</summary>
    public static IServiceCollection AddStepExecution(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStorage(configuration);
        var worker = services.AddBound<WorkerOptions>(configuration, WorkerOptions.Section);
        services.AddSingleton<StepRunner>();
        services.AddSingleton(sp => new WorkerIdentity(sp.GetRequiredService<IHostApplicationLifetime>(), worker.Name));
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>The pipeline's settings and its storage root; the server reads outputs from it too (data pages).</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = PipelineSettings.From(configuration);
        services.TryAddSingleton(settings);
        services.TryAddSingleton(StepRegistry.Standard);
        services.TryAddSingleton<IObjectStore>(sp =>
            ObjectStores.Open(settings.Storage, settings.S3, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Orchestrated.Storage")));
        services.AddHealthChecks().AddCheck<Health.StorageHealthCheck>("storage", tags: [Health.HealthEndpoints.Ready]);
        return services;
    }

    public static void AddStepConsumer(this IBusRegistrationConfigurator bus) => bus.AddConsumer<RunTaskTryConsumer>();
}
