using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Orchestrated.Server.Tests.Deployment;

/// <summary>
/// docker-compose carries no well-known password: every secret is a required variable (compose refuses to start
/// without it), <c>deploy/make-env.sh</c> generates each one once, and only the server's port is published.
/// </summary>
[Trait("Probe", "hostile")]
public sealed partial class ComposeSecretsTests
{
    private static readonly string Root = ComposeFileTests.Root;
    private static readonly string Compose = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));

    [GeneratedRegex(@"\$\{(?<name>[A-Z_]+)(?<tail>[^}]*)\}")]
    private static partial Regex Variable();

    private static IEnumerable<(string Name, string Tail)> Variables() =>
        Variable().Matches(Compose).Select(m => (m.Groups["name"].Value, m.Groups["tail"].Value));

    private static bool IsSecret(string name) => name.Contains("PASSWORD") || name.EndsWith("_KEY", StringComparison.Ordinal);

    [Fact]
    public void Every_secret_is_required_and_none_has_a_default()
    {
        var secrets = Variables().Where(v => IsSecret(v.Name)).ToList();
        Assert.True(secrets.Count >= 6, $"{secrets.Count} secrets");
        foreach (var (name, tail) in secrets)
            Assert.True(tail.StartsWith(":?", StringComparison.Ordinal), $"${{{name}{tail}}} is not required (it must be ${{{name}:?…}})");
    }

    [Fact]
    public void Only_the_server_publishes_a_port()
    {
        var published = Regex.Matches(Compose, @"^\s+ports:\s*(?<ports>.*)$", RegexOptions.Multiline)
            .Select(m => m.Groups["ports"].Value).ToList();
        Assert.Equal(["[\"8080:8080\"]"], published);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Make_env_generates_every_required_secret_once_and_keeps_them()
    {
        var folder = Directory.CreateTempSubdirectory("orchestrated-env-").FullName;
        try
        {
            var file = Path.Combine(folder, ".env");
            Run(file);
            var first = File.ReadAllText(file);
            var values = first.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2))
                .ToDictionary(p => p[0], p => p[1]);
            var required = Variables().Where(v => v.Tail.StartsWith(":?", StringComparison.Ordinal)).Select(v => v.Name).ToHashSet();
            Assert.Equal(required.Order(), values.Keys.Order());
            Assert.All(values.Values, v => Assert.True(v.Length >= 32, $"'{v}' is short"));
            Assert.Equal(values.Count, values.Values.Distinct().Count());
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Run(file);
            Assert.Equal(first, File.ReadAllText(file));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static void Run(string envFile)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(Root, "deploy", "make-env.sh"), envFile])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var errors = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(30_000), "make-env.sh did not finish");
        Assert.True(process.ExitCode == 0, errors);
    }
}
