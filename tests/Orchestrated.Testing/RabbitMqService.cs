namespace Orchestrated.Testing;

/// <summary>A RabbitMQ the tests may use: where it is, its credentials, and how to run rabbitmqctl against it.</summary>
public sealed record RabbitMqService(string Host, int Port, string Username, string Password, Func<string[], Task> Ctl);
