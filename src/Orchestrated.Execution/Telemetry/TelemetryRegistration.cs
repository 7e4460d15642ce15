using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Orchestrated.Execution.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>
    /// Traces and metrics of our code, MassTransit and ASP.NET Core; exported over OTLP when an endpoint is configured
    /// (the standard OTEL_EXPORTER_OTLP_ENDPOINT). Logs: JSON with scopes (run, task, try ids) outside Development.
    /// </summary>
    public static IHostApplicationBuilder AddOrchestratedTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithTracing(t =>
            {
                t.AddSource(OrchestratedTelemetry.Name, "MassTransit").AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (!string.IsNullOrEmpty(otlp)) t.AddOtlpExporter();
            })
            .WithMetrics(m =>
            {
                m.AddMeter(OrchestratedTelemetry.Name, "MassTransit").AddAspNetCoreInstrumentation();
                if (!string.IsNullOrEmpty(otlp)) m.AddOtlpExporter();
            });
        var logging = Configuration.BoundOptions.Bind<LoggingOptions>(builder.Configuration, LoggingOptions.Section);
        if (!builder.Environment.IsDevelopment() && logging.Format != "text")
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }
        return builder;
    }
}
