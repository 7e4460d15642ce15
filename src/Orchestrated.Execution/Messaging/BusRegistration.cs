using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Orchestrated.Contracts;

namespace Orchestrated.Execution.Messaging;

/// <summary>
/// One MassTransit bus per process, on RabbitMQ or in memory. The server adds its report consumers, a worker the
/// step consumer; in the embedded default the server's bus carries both.
/// </summary>
public static class BusRegistration
{
    public static IServiceCollection AddOrchestratedBus(this IServiceCollection services, BrokerOptions broker,
        Action<IBusRegistrationConfigurator> addConsumers, Action<IBusRegistrationContext, IReceiveConfigurator> configureEndpoints)
    {
        services.AddMassTransit(x =>
        {
            addConsumers(x);
            if (broker.Transport == BrokerTransport.RabbitMq)
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, h =>
                    {
                        h.Username(broker.Username);
                        h.Password(broker.Password);
                    });
                    configureEndpoints(context, cfg);
                });
            else
                x.UsingInMemory((context, cfg) => configureEndpoints(context, cfg));
        });
        return services;
    }

    /// <summary>A queue per hosted step; the prefetch equals the concurrency so no worker hoards tries others could run.</summary>
    public static void ConfigureStepEndpoints(this IReceiveConfigurator cfg, IBusRegistrationContext context, WorkerOptions worker)
    {
        foreach (var step in worker.HostedSteps(context.GetRequiredService<Orchestrated.Pipeline.Steps.StepRegistry>()))
            cfg.ReceiveEndpoint(StepQueues.For(step), e =>
            {
                e.ConcurrentMessageLimit = worker.Concurrency;
                if (e is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.PrefetchCount = worker.Concurrency;
                e.ConfigureConsumer<RunTaskTryConsumer>(context);
            });
    }
}
