using System.Diagnostics;
using System.Text.Json;

namespace Orchestrated.Testing;

/// <summary>
/// Redocly's OpenAPI linter from npm, installed by <c>./test.sh</c> into the folder
/// <c>ORCHESTRATED_TEST_OPENAPI_LINT</c> names (with its <c>redocly.yaml</c>). Without it the lint test fails: a
/// missing tool is an error, never a silent skip.
/// </summary>
public static class OpenApiLinter
{
    private static string Folder => Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_OPENAPI_LINT")
        ?? throw new InvalidOperationException(
            "ORCHESTRATED_TEST_OPENAPI_LINT is not set: run ./test.sh, which installs @redocly/cli into tests/services/openapi-lint.");

    /// <summary>Lints one document with every recommended rule; answers the error and warning counts and the problems.</summary>
    public static async Task<(int Errors, int Warnings, string Problems)> LintAsync(string documentPath)
    {
        var folder = Folder;
        var start = new ProcessStartInfo(Path.Combine(folder, "node_modules", ".bin", "redocly"))
        {
            ArgumentList = { "lint", documentPath, "--config", Path.Combine(folder, "redocly.yaml"), "--format=json" },
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder,
            Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("redocly did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;
        var at = text.IndexOf('{');
        if (at < 0) throw new InvalidOperationException($"redocly said: {text}{await errors}");
        var json = text[at..];
        var root = JsonDocument.Parse(json).RootElement;
        var totals = root.GetProperty("totals");
        var problems = string.Join("\n", root.GetProperty("problems").EnumerateArray().Select(Describe));
        return (totals.GetProperty("errors").GetInt32(), totals.GetProperty("warnings").GetInt32(), problems);
    }

    private static string Describe(JsonElement problem)
    {
        var where = problem.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString());
        return $"{problem.GetProperty("severity").GetString()} {problem.GetProperty("ruleId").GetString()}: " +
               $"{problem.GetProperty("message").GetString()} at {string.Join(",", where)}";
    }
}
