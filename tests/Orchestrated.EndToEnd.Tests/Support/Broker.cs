using Orchestrated.Testing;

namespace Orchestrated.EndToEnd.Tests.Support;

/// <summary>
/// The distributed tests' RabbitMQ (<see cref="TestServices.RestartableRabbitMqAsync"/>, since they restart it): virtual
/// hosts per test class, and restarts.
/// </summary>
public static class Broker
{
    public static Task<RabbitMqService> ServiceAsync() => TestServices.RestartableRabbitMqAsync();

    /// <summary>A fresh virtual host and a user with a random password, so each test class has queues (and a secret) of its own.</summary>
    public static async Task<(string VirtualHost, string User, string Password)> CreateVirtualHostAsync()
    {
        var rabbit = await ServiceAsync();
        var name = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var password = "pw-" + Guid.NewGuid().ToString("N");
        await rabbit.Ctl(["add_vhost", name]);
        await rabbit.Ctl(["add_user", name, password]);
        await rabbit.Ctl(["set_permissions", "-p", name, name, ".*", ".*", ".*"]);
        await rabbit.Ctl(["set_permissions", "-p", name, rabbit.Username, ".*", ".*", ".*"]);
        return (name, name, password);
    }

    public static async Task DeleteVirtualHostAsync(string name)
    {
        var rabbit = await ServiceAsync();
        await rabbit.Ctl(["delete_vhost", name]);
        await rabbit.Ctl(["delete_user", name]);
    }

    /// <summary>
    /// Stops and starts the broker application: every connection drops, durable queues and their messages stay.
    /// <paramref name="whileDown"/> runs while it is stopped (then <paramref name="down"/> more passes).
    /// </summary>
    public static async Task RestartAsync(TimeSpan down, Func<Task>? whileDown = null)
    {
        var rabbit = await ServiceAsync();
        await rabbit.Ctl(["stop_app"]);
        try
        {
            if (whileDown is not null) await whileDown();
        }
        finally
        {
            await Task.Delay(down);
            await rabbit.Ctl(["start_app"]);
            await rabbit.Ctl(["await_startup"]);
        }
    }
}
