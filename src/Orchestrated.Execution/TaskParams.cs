using System.Globalization;
using Orchestrated.Pipeline;
using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Execution;

/// <summary>A try's params applied over the worker's configured settings; the worker's settings stay untouched.</summary>
public static class TaskParams
{
    public static PipelineSettings Apply(PipelineSettings configured, IReadOnlyDictionary<string, string> parameters)
    {
        var s = new PipelineSettings
        {
            Storage = configured.Storage,
            S3 = configured.S3,
            StudentHashKey = configured.StudentHashKey,
            InactivityGap = configured.InactivityGap,
            MaxSessionDuration = configured.MaxSessionDuration,
            SplitOnDevice = configured.SplitOnDevice,
            SplitOnBrowser = configured.SplitOnBrowser,
            SplitOnNetwork = configured.SplitOnNetwork,
            MaxLookbackDays = configured.MaxLookbackDays,
            MaxRecordBytes = configured.MaxRecordBytes,
            Parquet = configured.Parquet,
        };
        foreach (var (name, value) in parameters)
        {
            switch (name)
            {
                case "inactivity_gap": s.InactivityGap = Duration.Parse(value); break;
                case "max_session_duration": s.MaxSessionDuration = Duration.Parse(value); break;
                case "split_on_device": s.SplitOnDevice = bool.Parse(value); break;
                case "split_on_browser": s.SplitOnBrowser = bool.Parse(value); break;
                case "split_on_network": s.SplitOnNetwork = bool.Parse(value); break;
                case "max_lookback_days": s.MaxLookbackDays = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "max_record_bytes": s.MaxRecordBytes = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown task param '{name}'.");
            }
        }
        return s;
    }
}
