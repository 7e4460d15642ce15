using System.ComponentModel.DataAnnotations;

namespace Orchestrated.Execution.Telemetry;

/// <summary>How the processes log (section <c>Orchestrated:Logging</c>).</summary>
public sealed class LoggingOptions
{
    public const string Section = "Orchestrated:Logging";

    /// <summary><c>json</c> (one object per line, with run, task and try ids) outside Development, or <c>text</c>.</summary>
    [RegularExpression("^(json|text)$", ErrorMessage = "must be json or text")]
    public string Format { get; set; } = "json";
}
