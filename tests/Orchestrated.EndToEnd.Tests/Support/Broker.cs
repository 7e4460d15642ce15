using Orchestrated.Testing;

namespace Orchestrated.EndToEnd.Tests.Support;

/// <summary>The tests' RabbitMQ (see <see cref="TestServices"/>): virtual hosts per test class, and restarts.</summary>
public static class Broker
{
    public static Task<RabbitMqService> ServiceAsync() => TestServices.RabbitMqAsync();

    /// <summary>A fresh virtual host, so each test class has queues of its own.</summary>
    public static async Task<string> CreateVirtualHostAsync()
    {
        var rabbit = await ServiceAsync();
        var name = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        await rabbit.Ctl(["add_vhost", name]);
        await rabbit.Ctl(["set_permissions", "-p", name, rabbit.Username, ".*", ".*", ".*"]);
        return name;
    }

    public static async Task DeleteVirtualHostAsync(string name) => await (await ServiceAsync()).Ctl(["delete_vhost", name]);

    /// <summary>Stops and starts the broker application: every connection drops, durable queues and their messages stay.</summary>
    public static async Task RestartAsync(TimeSpan down)
    {
        var rabbit = await ServiceAsync();
        await rabbit.Ctl(["stop_app"]);
        await Task.Delay(down);
        await rabbit.Ctl(["start_app"]);
        await rabbit.Ctl(["await_startup"]);
    }
}
