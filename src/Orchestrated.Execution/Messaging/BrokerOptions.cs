using System.ComponentModel.DataAnnotations;

namespace Orchestrated.Execution.Messaging;

/// <summary>Which broker carries task tries (section <c>Orchestrated:Broker</c>).</summary>
public sealed class BrokerOptions : Configuration.ISecretFiles
{
    public const string Section = "Orchestrated:Broker";

    /// <summary>InMemory only works when the server hosts the workers in its own process (the embedded default).</summary>
    public BrokerTransport Transport { get; set; } = BrokerTransport.InMemory;
    [Required] public string Host { get; set; } = "localhost";
    [Range(1, 65535)] public int Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    /// <summary>A secret: from an environment variable or <see cref="PasswordFile"/>, never from a committed file.</summary>
    public string Password { get; set; } = "guest";
    /// <summary>A file holding the password (a Docker or Kubernetes secret); wins over <see cref="Password"/>.</summary>
    public string? PasswordFile { get; set; }

    public void ReadSecretFiles() => Password = Configuration.SecretFile.Read(PasswordFile, $"{Section}:PasswordFile", Password)!;
}
