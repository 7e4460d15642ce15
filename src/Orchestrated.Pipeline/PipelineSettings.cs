using System.Text;
using Orchestrated.Domain.Sessions;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline;

/// <summary>Every setting of the four steps, bound from configuration (section <c>Orchestrated</c>).</summary>
public sealed class PipelineSettings
{
    public const string Section = "Orchestrated";

    /// <summary>
    /// Only for trying things out: every installation must set its own key, or hashes can be reversed by anyone
    /// who hashes candidate ids with this public one.
    /// </summary>
    public const string DevelopmentHashKey = "orchestrated-development-key-do-not-use-in-production";

    /// <summary>A local folder or <c>s3://bucket/prefix</c>.</summary>
    public string Storage { get; set; } = "./data";
    public S3Options S3 { get; set; } = new();
    /// <summary>The HMAC key of <c>student_hash</c>: a secret, from an environment variable or a secret file.</summary>
    public string? StudentHashKey { get; set; }
    public TimeSpan InactivityGap { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan MaxSessionDuration { get; set; } = TimeSpan.FromHours(24);
    public bool SplitOnDevice { get; set; } = true;
    public bool SplitOnBrowser { get; set; }
    public bool SplitOnNetwork { get; set; }
    /// <summary>How far back sessionizing may look for the start of a session that is still open at midnight.</summary>
    public int MaxLookbackDays { get; set; } = 31;
    /// <summary>A raw line (or array element) longer than this is quarantined unread.</summary>
    public int MaxRecordBytes { get; set; } = 16 * 1024 * 1024;
    public ParquetSettings Parquet { get; set; } = new();

    public bool UsesDevelopmentHashKey => string.IsNullOrEmpty(StudentHashKey);

    public byte[] HashKeyBytes() => Encoding.UTF8.GetBytes(UsesDevelopmentHashKey ? DevelopmentHashKey : StudentHashKey!);

    public SessionRules Rules() => new SessionRules
    {
        InactivityGap = InactivityGap,
        MaxSessionDuration = MaxSessionDuration,
        SplitOnDevice = SplitOnDevice,
        SplitOnBrowser = SplitOnBrowser,
        SplitOnNetwork = SplitOnNetwork,
    }.Validated();
}
