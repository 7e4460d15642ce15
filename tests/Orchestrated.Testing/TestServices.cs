using System.Diagnostics;
using DotNet.Testcontainers.Builders;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Orchestrated.Testing;

/// <summary>
/// The real services tests run against. test.sh starts them on loopback and exports their addresses
/// (ORCHESTRATED_TEST_POSTGRES, ORCHESTRATED_TEST_RABBITMQ and _RESTARTABLE_RABBITMQ, each with its ...CTL); where not
/// given and a Docker engine exists, Testcontainers starts them. With neither, tests fail with this explanation:
/// a missing service is never a skip.
/// </summary>
public static class TestServices
{
    private static readonly Lazy<Task<string>> Postgres = new(StartPostgresAsync);
    private static readonly Lazy<Task<RabbitMqService>> Rabbit = new(() => StartRabbitMqAsync("ORCHESTRATED_TEST_RABBITMQ"));
    private static readonly Lazy<Task<RabbitMqService>> RestartableRabbit =
        new(() => StartRabbitMqAsync("ORCHESTRATED_TEST_RESTARTABLE_RABBITMQ"));

    public static Task<string> PostgresAsync() => Postgres.Value;

    public static Task<RabbitMqService> RabbitMqAsync() => Rabbit.Value;

    /// <summary>
    /// A broker of its own for the tests that stop and start it: tests of other classes and projects run at the same
    /// time on <see cref="RabbitMqAsync"/>, and a restart of theirs once failed them with "connection refused".
    /// </summary>
    public static Task<RabbitMqService> RestartableRabbitMqAsync() => RestartableRabbit.Value;

    private static async Task<string> StartPostgresAsync()
    {
        if (Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_POSTGRES") is { Length: > 0 } given) return given;
        var container = await StartAsync(() => new PostgreSqlBuilder("postgres:15").Build(), "PostgreSQL", "ORCHESTRATED_TEST_POSTGRES");
        return container.GetConnectionString();
    }

    private static async Task<RabbitMqService> StartRabbitMqAsync(string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given)
        {
            var ctl = Environment.GetEnvironmentVariable(variable + "CTL")
                ?? throw new InvalidOperationException($"{variable} is set but {variable}CTL is not: run the tests with ./test.sh.");
            var parts = given.Split(':');
            return new RabbitMqService(parts[0], int.Parse(parts[1]), "guest", "guest", args => RunAsync(ctl, args));
        }
        var container = await StartAsync(() => new RabbitMqBuilder("rabbitmq:3.13").WithUsername("guest").WithPassword("guest").Build(),
            "RabbitMQ", variable);
        return new RabbitMqService(container.Hostname, container.GetMappedPublicPort(5672), "guest", "guest", async args =>
        {
            var result = await container.ExecAsync(["rabbitmqctl", .. args]);
            if (result.ExitCode != 0) throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} failed: {result.Stderr}");
        });
    }

    private static async Task<T> StartAsync<T>(Func<T> build, string what, string variable)
        where T : DotNet.Testcontainers.Containers.IContainer
    {
        T container;
        try
        {
            container = build();
        }
        catch (Exception e) when (e.GetType().Name == "DockerUnavailableException")
        {
            throw new InvalidOperationException(
                $"No {what} for the tests: {variable} is not set and there is no Docker engine to start one. " +
                "Run the tests with ./test.sh, which starts it on loopback.", e);
        }
        await container.StartAsync();
        return container;
    }

    private static async Task RunAsync(string ctl, string[] args)
    {
        var start = new ProcessStartInfo(ctl) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-q");
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} failed: {await error}");
    }
}
