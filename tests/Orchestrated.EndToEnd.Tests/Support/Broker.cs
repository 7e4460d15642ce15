using System.Diagnostics;

namespace Orchestrated.EndToEnd.Tests.Support;

/// <summary>
/// The RabbitMQ that test.sh started: ORCHESTRATED_TEST_RABBITMQ (host:port) and ORCHESTRATED_TEST_RABBITMQCTL (its
/// control script, for virtual hosts and restarts). Without them these tests fail: a missing broker is never a skip.
/// </summary>
public static class Broker
{
    public static (string Host, int Port) Address
    {
        get
        {
            var value = Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_RABBITMQ")
                ?? throw new InvalidOperationException("ORCHESTRATED_TEST_RABBITMQ is not set: run the tests with ./test.sh, which starts RabbitMQ.");
            var parts = value.Split(':');
            return (parts[0], int.Parse(parts[1]));
        }
    }

    private static string Ctl => Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_RABBITMQCTL")
        ?? throw new InvalidOperationException("ORCHESTRATED_TEST_RABBITMQCTL is not set: run the tests with ./test.sh.");

    /// <summary>A fresh virtual host, so each test class has queues of its own.</summary>
    public static string CreateVirtualHost()
    {
        var name = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        Run("add_vhost", name);
        Run("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return name;
    }

    public static void DeleteVirtualHost(string name) => Run("delete_vhost", name);

    /// <summary>Stops and starts the broker application: every connection drops, durable queues and their messages stay.</summary>
    public static void Restart(TimeSpan down)
    {
        Run("stop_app");
        Thread.Sleep(down);
        Run("start_app");
        Run("await_startup");
    }

    private static void Run(params string[] args)
    {
        var start = new ProcessStartInfo(Ctl) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-q");
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000)) throw new TimeoutException($"rabbitmqctl {string.Join(' ', args)} did not finish");
        if (process.ExitCode != 0) throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} failed: {error.Result}");
    }
}
