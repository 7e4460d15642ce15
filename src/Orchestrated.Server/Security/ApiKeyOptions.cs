namespace Orchestrated.Server.Security;

/// <summary>A key a machine presents in <c>X-Api-Key</c>; the key itself is a secret (environment or file).</summary>
public sealed class ApiKeyOptions
{
    public string? Name { get; set; }
    public string? Key { get; set; }
    /// <summary>A file holding the key (a Docker or Kubernetes secret), read at start.</summary>
    public string? KeyFile { get; set; }
    public Role Role { get; set; } = Role.Viewer;
}
