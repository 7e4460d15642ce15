using Orchestrated.Domain.Ingest;
using System.Text;
using Orchestrated.Domain.Sessions;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline;

/// <summary>
/// What the steps run with, immutable: bound once from configuration (the flat keys of section <c>Orchestrated</c>),
/// then a task's params are applied with <c>with</c> by the step's params (<see cref="Steps.StepParam"/>), so no
/// setting can be dropped on the way to a worker. The defaults here are the defaults the catalog shows.
/// </summary>
public sealed record StepSettings
{
    /// <summary>
    /// Only for trying things out: every installation must set its own key, or hashes can be reversed by anyone
    /// who hashes candidate ids with this public one.
    /// </summary>
    public const string DevelopmentHashKey = "orchestrated-development-key-do-not-use-in-production";

    public static StepSettings Defaults { get; } = new();

    /// <summary>The HMAC key of <c>student_hash</c>: a secret, from an environment variable or a secret file.</summary>
    public string? StudentHashKey { get; init; }
    public TimeSpan InactivityGap { get; init; } = TimeSpan.FromMinutes(30);
    public TimeSpan MaxSessionDuration { get; init; } = TimeSpan.FromHours(24);
    public bool SplitOnDevice { get; init; } = true;
    public bool SplitOnBrowser { get; init; }
    public bool SplitOnNetwork { get; init; }
    /// <summary>How far back sessionizing may look for the start of a session that is still open at midnight.</summary>
    public int MaxLookbackDays { get; init; } = 31;
    /// <summary>A raw line (or array element) longer than this is quarantined unread.</summary>
    public int MaxRecordBytes { get; init; } = IngestLimits.Default.MaxRecordBytes;
    /// <summary>A raw file that holds (or decompresses to) more is read no further; the rest is one <c>over_limit</c> row.</summary>
    public int MaxFileMegabytes { get; init; } = (int)(IngestLimits.Default.MaxFileBytes / (1024 * 1024));
    /// <summary>Events of more distinct event dates than this in one arrival are quarantined <c>over_limit</c>.</summary>
    public int MaxEventDates { get; init; } = IngestLimits.Default.MaxEventDates;
    public ParquetSettings Parquet { get; init; } = new();
    /// <summary>The dropout label: no study in this many days after the date.</summary>
    public int DropoutHorizonDays { get; init; } = 7;
    /// <summary>How many days of sessions, up to the date, the dropout model is trained and evaluated on.</summary>
    public int TrainingDays { get; init; } = 84;
    /// <summary>How many students a day a teacher can reach: the k of the model's precision at k.</summary>
    public int TeacherCapacity { get; init; } = 10;
    /// <summary>Sessions per thousand the anomaly detector's threshold leaves above it in training (its contamination).</summary>
    public int AnomaliesPerThousand { get; init; } = 10;
    /// <summary>The early warning's label: a session whose active time ends under this many minutes.</summary>
    public int LowEngagementMinutes { get; init; } = 10;

    public IngestLimits Limits() => new(MaxRecordBytes, MaxFileMegabytes * 1024L * 1024, MaxEventDates);

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

    /// <summary>Refuses settings no step can run with, naming the setting.</summary>
    public StepSettings Validated()
    {
        Rules();
        InRange("MaxLookbackDays", MaxLookbackDays, 1, 366);
        InRange("MaxRecordBytes", MaxRecordBytes, 1024, 1 << 30);
        InRange("MaxFileMegabytes", MaxFileMegabytes, 1, 1 << 20);
        InRange("MaxEventDates", MaxEventDates, 1, 10_000);
        InRange("Parquet:RowGroupSize", Parquet.RowGroupSize, 1024, 1 << 24);
        InRange("DropoutHorizonDays", DropoutHorizonDays, 1, 90);
        InRange("TrainingDays", TrainingDays, 21, 3660);
        InRange("TeacherCapacity", TeacherCapacity, 1, 10_000);
        InRange("AnomaliesPerThousand", AnomaliesPerThousand, 1, 499);
        InRange("LowEngagementMinutes", LowEngagementMinutes, 1, 600);
        return this;
    }

    private static void InRange(string setting, int value, int min, int max)
    {
        if (value < min || value > max)
            throw new ArgumentException($"Orchestrated:{setting} must be between {min} and {max}, got {value}.");
    }
}
