using Microsoft.Extensions.Configuration;
using Orchestrated.Domain.Text;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline;

/// <summary>
/// Where the pipeline's data lives and what its steps run with: read once, at start, from section
/// <c>Orchestrated</c> — storage, S3 and the step settings from the same flat keys, every secret from its value or
/// from the file its <c>…File</c> key names.
/// </summary>
public sealed class PipelineSettings
{
    public const string Section = "Orchestrated";

    /// <summary>A local folder or <c>s3://bucket/prefix</c>.</summary>
    public string Storage { get; init; } = "./data";
    public S3Options S3 { get; init; } = new();
    public StepSettings Steps { get; init; } = StepSettings.Defaults;

    /// <summary>
    /// The other sections of the <c>Orchestrated</c> namespace, bound by the processes that use them (the server, the
    /// workers): named here so that a key of the namespace that nothing binds — a typo such as <c>Orchestrated__Storge</c>
    /// — is refused wherever settings are read, the CLI included.
    /// </summary>
    public static readonly IReadOnlyList<string> OtherSections =
        ["Broker", "Worker", "Database", "Scheduler", "Alerts", "Auth", "Server", "Logging", "Stream", "Collector"];

    public static PipelineSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        RefuseUnknownKeys(section);
        var s3 = section.GetSection("S3").Get<S3Options>() ?? new S3Options();
        s3.AccessKey = Secret(section, "S3:AccessKey");
        s3.SecretKey = Secret(section, "S3:SecretKey");
        var steps = (section.Get<StepSettings>() ?? StepSettings.Defaults) with { StudentHashKey = Secret(section, "StudentHashKey") };
        return new PipelineSettings { Storage = section["Storage"] ?? "./data", S3 = s3, Steps = steps.Validated() };
    }

    private static void RefuseUnknownKeys(IConfigurationSection section)
    {
        var known = typeof(StepSettings).GetProperties().Select(p => p.Name)
            .Concat(["Storage", "S3", "StudentHashKeyFile"]).Concat(OtherSections).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var key in section.GetChildren().Select(c => c.Key).Where(k => !known.Contains(k)))
        {
            var close = known.OrderBy(k => EditDistance.Between(k, key)).First();
            throw new ArgumentException($"{Section}:{key} is not a setting" +
                                        (EditDistance.Between(close, key) <= 3 ? $" (did you mean {Section}:{close}?)." : "."));
        }
    }

    /// <summary>A secret from <c>{key}</c>, or from the file named by <c>{key}File</c> (Docker and Kubernetes secrets).</summary>
    private static string? Secret(IConfiguration section, string key)
    {
        var file = section[key + "File"];
        if (!string.IsNullOrWhiteSpace(file))
        {
            if (!File.Exists(file)) throw new ArgumentException($"Orchestrated:{key}File names {file}, which does not exist.");
            return File.ReadAllText(file).Trim();
        }
        var value = section[key];
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
