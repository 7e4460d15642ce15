using Orchestrated.Execution.Configuration;

namespace Orchestrated.Server.Security;

/// <summary>
/// Who may use the API and the UI (section <c>Orchestrated:Auth</c>). With nothing configured the server is open to
/// anyone as an operator — the embedded default — and says so in its log at start.
/// </summary>
public sealed class AuthOptions : ISecretFiles
{
    public const string Section = "Orchestrated:Auth";

    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
    /// <summary>The people's login (one administrator, an operator): user name and password (or a password file).</summary>
    public string? AdminUser { get; set; }
    public string? AdminPassword { get; set; }
    public string? AdminPasswordFile { get; set; }

    /// <summary>
    /// Lets a distributed deployment (RabbitMQ) run without authentication. The embedded default is single-machine and
    /// open; a server other machines can reach refuses to start open unless this says it is meant to be.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Failed or not, login attempts one client address may make per minute; more are answered 429.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// Send the login cookie only over HTTPS. Off by default because the server itself speaks HTTP; turn it on when a
    /// proxy in front ends TLS, so the cookie never travels in clear text.
    /// </summary>
    public bool SecureCookie { get; set; }

    public bool Enabled => ApiKeys.Count > 0 || !string.IsNullOrEmpty(AdminUser);

    public void ReadSecretFiles()
    {
        AdminPassword = SecretFile.Read(AdminPasswordFile, $"{Section}:AdminPasswordFile", AdminPassword);
        for (var i = 0; i < ApiKeys.Count; i++)
            ApiKeys[i].Key = SecretFile.Read(ApiKeys[i].KeyFile, $"{Section}:ApiKeys:{i}:KeyFile", ApiKeys[i].Key);
    }

    /// <summary>The keys machines may present, with a name and role each (secret files already read).</summary>
    public IReadOnlyList<(string Name, string Key, Role Role)> Keys() => ApiKeys
        .Select((k, i) => (k.Name ?? $"key-{i}", k.Key ?? "", k.Role))
        .Where(k => k.Item2.Length > 0)
        .ToList();
}
