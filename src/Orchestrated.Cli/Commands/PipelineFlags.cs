using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Objects;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands;

/// <summary>
/// Settings shared by every command. Precedence: flags, then environment variables (<c>Orchestrated__Storage</c>,
/// <c>Orchestrated__S3__ServiceUrl</c>, …), then <c>appsettings.json</c>, read by the same <see cref="PipelineSettings.From"/>
/// as the server and the workers. Secrets (the student hash key, S3 keys) come only from the environment or from
/// files named by <c>…File</c> variables, never from flags.
/// </summary>
public class PipelineFlags : CommandSettings
{
    [CommandOption("--storage <ROOT>")]
    [Description("Storage root: a folder (default ./data) or s3://bucket/prefix.")]
    public string? Storage { get; init; }

    [CommandOption("--s3-endpoint <URL>")]
    [Description("S3-compatible endpoint, e.g. http://127.0.0.1:9000 for MinIO.")]
    public string? S3Endpoint { get; init; }

    [CommandOption("--inactivity-gap <DURATION>")]
    [Description("Gap that ends a session (default 30m). Accepts 30m, 1h, 90s or 00:30:00.")]
    public string? InactivityGap { get; init; }

    [CommandOption("--max-session-duration <DURATION>")]
    [Description("Longest session before it is cut (default 24h).")]
    public string? MaxSessionDuration { get; init; }

    [CommandOption("--split-on-device <BOOL>")]
    public bool? SplitOnDevice { get; init; }

    [CommandOption("--split-on-browser <BOOL>")]
    public bool? SplitOnBrowser { get; init; }

    [CommandOption("--split-on-network <BOOL>")]
    public bool? SplitOnNetwork { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("Log what each step does.")]
    public bool Verbose { get; init; }

    public PipelineSettings Load()
    {
        var overrides = new Dictionary<string, string?>();
        void Set(string key, object? value)
        {
            if (value is not null) overrides[$"{PipelineSettings.Section}:{key}"] = Convert.ToString(value, CultureInfo.InvariantCulture);
        }
        Set("Storage", Storage);
        Set("S3:ServiceUrl", S3Endpoint);
        Set("InactivityGap", InactivityGap is null ? null : ParseDuration(InactivityGap, "--inactivity-gap"));
        Set("MaxSessionDuration", MaxSessionDuration is null ? null : ParseDuration(MaxSessionDuration, "--max-session-duration"));
        Set("SplitOnDevice", SplitOnDevice);
        Set("SplitOnBrowser", SplitOnBrowser);
        Set("SplitOnNetwork", SplitOnNetwork);

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
        return PipelineSettings.From(configuration);
    }

    public ILoggerFactory Loggers() => LoggerFactory.Create(b => b
        .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
        .SetMinimumLevel(Verbose ? LogLevel.Information : LogLevel.Warning));

    public (IObjectStore Store, PipelineSteps Steps) Open(PipelineSettings settings, ILoggerFactory loggers)
    {
        if (settings.Steps.UsesDevelopmentHashKey)
            AnsiConsole.MarkupLine(
                "[yellow]WARNING: no student hash key is configured (Orchestrated__StudentHashKey); using the built-in development key. " +
                "Anyone can reverse these hashes. Set a secret key before real data.[/]");
        var store = ObjectStores.Open(settings.Storage, settings.S3, loggers.CreateLogger("storage"));
        return (store, new PipelineSteps(store, settings.Steps, loggers));
    }

    public static TimeSpan ParseDuration(string text, string flag)
    {
        var t = text.Trim();
        if (t.Length > 1 && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            switch (char.ToLowerInvariant(t[^1]))
            {
                case 's': return TimeSpan.FromSeconds(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
            }
        }
        if (TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span)) return span;
        throw new FormatException($"{flag}: '{text}' is not a duration (use 30m, 1h, 90s or 00:30:00).");
    }

    public static DateOnly ParseDate(string text, string flag) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"{flag}: '{text}' is not a date (use YYYY-MM-DD).");
}
