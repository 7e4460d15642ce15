using Microsoft.Extensions.Configuration;
using Orchestrated.Pipeline.Steps;

namespace Orchestrated.Pipeline.Tests;

[Trait("Tier", "unit")]
public class PipelineSettingsTests
{
    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Storage_S3_and_every_step_setting_are_bound_from_the_flat_keys_of_the_section()
    {
        var settings = PipelineSettings.From(Config(new()
        {
            ["Orchestrated:Storage"] = "s3://bucket/prefix", ["Orchestrated:S3:ServiceUrl"] = "http://minio:9000",
            ["Orchestrated:InactivityGap"] = "00:45:00", ["Orchestrated:MaxSessionDuration"] = "12:00:00",
            ["Orchestrated:SplitOnDevice"] = "false", ["Orchestrated:SplitOnBrowser"] = "true", ["Orchestrated:SplitOnNetwork"] = "true",
            ["Orchestrated:MaxLookbackDays"] = "7", ["Orchestrated:MaxRecordBytes"] = "4096",
            ["Orchestrated:Parquet:RowGroupSize"] = "2048", ["Orchestrated:StudentHashKey"] = "k",
        }));
        Assert.Equal(("s3://bucket/prefix", "http://minio:9000"), (settings.Storage, settings.S3.ServiceUrl));
        var expected = StepSettings.Defaults with
        {
            InactivityGap = TimeSpan.FromMinutes(45), MaxSessionDuration = TimeSpan.FromHours(12), SplitOnDevice = false,
            SplitOnBrowser = true, SplitOnNetwork = true, MaxLookbackDays = 7, MaxRecordBytes = 4096, StudentHashKey = "k",
            Parquet = settings.Steps.Parquet,
        };
        Assert.Equal(expected, settings.Steps);
        Assert.Equal(2048, settings.Steps.Parquet.RowGroupSize);
    }

    [Fact]
    public void Secrets_are_read_once_from_the_files_their_File_keys_name()
    {
        var folder = Directory.CreateTempSubdirectory("orchestrated-secrets-").FullName;
        File.WriteAllText(Path.Combine(folder, "hash"), "key-from-file\n");
        File.WriteAllText(Path.Combine(folder, "s3"), "secret-from-file");
        var settings = PipelineSettings.From(Config(new()
        {
            ["Orchestrated:StudentHashKeyFile"] = Path.Combine(folder, "hash"),
            ["Orchestrated:S3:SecretKeyFile"] = Path.Combine(folder, "s3"),
        }));
        Assert.Equal("key-from-file", settings.Steps.StudentHashKey);
        Assert.Equal("secret-from-file", settings.S3.SecretKey);
        var missing = Assert.Throws<ArgumentException>(() =>
            PipelineSettings.From(Config(new() { ["Orchestrated:StudentHashKeyFile"] = "/nowhere/key" })));
        Assert.Contains("Orchestrated:StudentHashKeyFile", missing.Message);
    }

    [Theory]
    [InlineData("Orchestrated:MaxLookbackDays", "0", "MaxLookbackDays")]
    [InlineData("Orchestrated:MaxRecordBytes", "10", "MaxRecordBytes")]
    [InlineData("Orchestrated:InactivityGap", "00:00:00", "inactivity")]
    public void A_setting_no_step_can_run_with_is_refused_at_start_naming_it(string key, string value, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => PipelineSettings.From(Config(new() { [key] = value })));
        Assert.Contains(named, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_tasks_params_bind_the_settings_their_step_declares_and_an_unknown_param_is_refused()
    {
        var applied = StepRegistry.Standard.Apply("sessionize", StepSettings.Defaults,
            new Dictionary<string, string> { ["inactivity_gap"] = "45m", ["split_on_device"] = "false", ["max_lookback_days"] = "5" });
        Assert.Equal(StepSettings.Defaults with { InactivityGap = TimeSpan.FromMinutes(45), SplitOnDevice = false, MaxLookbackDays = 5 },
            applied);
        var e = Assert.Throws<ArgumentException>(() =>
            StepRegistry.Standard.Apply("clean", StepSettings.Defaults, new Dictionary<string, string> { ["inactivity_gap"] = "45m" }));
        Assert.Contains("Step 'clean' has no param 'inactivity_gap'", e.Message);
    }

    [Fact]
    public void The_catalog_shows_each_params_default_from_the_settings_it_binds()
    {
        var sessionize = StepRegistry.Standard.Catalog.Find("sessionize")!;
        Assert.Equal(["30m", "1d", "true", "false", "false", "31"], sessionize.Params.Select(p => p.Default));
        Assert.Equal(["16777216", "8192", "400"], StepRegistry.Standard.Catalog.Find("ingest")!.Params.Select(p => p.Default));
    }

    [Fact]
    public void A_key_of_the_namespace_nothing_binds_is_refused_with_the_setting_it_resembles()
    {
        var e = Assert.Throws<ArgumentException>(() => PipelineSettings.From(Config(new() { ["Orchestrated:Storge"] = "/data" })));
        Assert.Equal("Orchestrated:Storge is not a setting (did you mean Orchestrated:Storage?).", e.Message);
        // The sections other processes bind are known here too: the CLI runs beside a server's environment.
        PipelineSettings.From(
            Config(new() { ["Orchestrated:Broker:Host"] = "rabbit", ["Orchestrated:Scheduler:TickInterval"] = "00:00:01" }));
    }
}
