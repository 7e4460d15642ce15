using System.Text.Json.Nodes;
using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Workflows.Tests.Definitions;

public class DagLoaderTests
{
    private static readonly string ShippedPath = Path.Combine(AppContext.BaseDirectory, "workflows", "session_duration.json");

    private static JsonObject Shipped() => JsonNode.Parse(File.ReadAllText(ShippedPath))!.AsObject();

    private static DagDefinitionException Refused(JsonNode json) =>
        Assert.Throws<DagDefinitionException>(() => Standard.Loader.Parse(json.ToJsonString(), "my_dag.json"));

    private static void AssertError(DagDefinitionException e, string path, string fragment) =>
        Assert.Contains(e.Errors, x => x.Source == "my_dag.json" && x.Path == path
            && x.Message.Contains(fragment, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void The_shipped_dag_loads_with_its_five_tasks_in_order()
    {
        var dag = Standard.Loader.LoadFile(ShippedPath);
        Assert.Equal("session_duration", dag.Id);
        Assert.Equal(["ingest_raw_events", "clean_events", "compute_sessions", "reconcile_live_sessions", "compute_daily_session_stats"],
            dag.Tasks.Select(t => t.Id));
        Assert.Equal(["ingest", "clean", "sessionize", "reconcile", "aggregate"], dag.Tasks.Select(t => t.Step));
        Assert.Equal("compute_daily_session_stats", dag.FinalTask.Id);
        var sessions = dag.Task("compute_sessions");
        Assert.Equal("30m", sessions.Params["inactivity_gap"]);
        Assert.Equal("true", sessions.Params["split_on_device"]);
        Assert.Equal(TimeSpan.FromMinutes(15), dag.Task("compute_daily_session_stats").Settings.Sla);
        Assert.Equal(TimeSpan.FromMinutes(30), dag.Task("clean_events").Settings.Sla);
        Assert.Equal(new ScheduleDefinition("0 2 * * *", "UTC", 1), dag.Schedule);
        Assert.Equal(TimeSpan.FromHours(30), dag.DataDeadline);
    }

    [Fact]
    public void The_engagement_dags_load_weekly_training_before_scoring_and_daily_scoring()
    {
        var weekly = Standard.Loader.LoadFile(Path.Combine(AppContext.BaseDirectory, "workflows", "engagement_models.json"));
        Assert.Equal(["features", "courses", "train_dropout", "train_anomaly", "train_early_warning", "score_students", "score_sessions"],
            weekly.Tasks.Select(t => t.Step));
        Assert.Equal(new ScheduleDefinition("0 4 * * 1", "UTC", 1), weekly.Schedule);
        Assert.Equal("7", weekly.Task("train_dropout_model").Params["label_days"]);
        var daily = Standard.Loader.LoadFile(Path.Combine(AppContext.BaseDirectory, "workflows", "engagement_scores.json"));
        Assert.Equal(["features", "courses", "score_students", "score_sessions"], daily.Tasks.Select(t => t.Step));
        Assert.True(daily.PausedOnCreation && weekly.PausedOnCreation);
    }

    [Fact]
    public void An_unknown_step_type_is_named_with_its_path()
    {
        var json = Shipped();
        json["tasks"]![1]!["step"] = "clena";
        AssertError(Refused(json), "$.tasks[1].step", "unknown step type \"clena\"");
    }

    [Fact]
    public void A_missing_upstream_task_is_named_with_its_path()
    {
        var json = Shipped();
        json["tasks"]![2]!["upstream"] = new JsonArray("clean_events", "enrich_events");
        AssertError(Refused(json), "$.tasks[2].upstream[1]", "upstream task \"enrich_events\" does not exist");
    }

    [Fact]
    public void A_cycle_is_refused_and_shown()
    {
        var json = Shipped();
        json["tasks"]![0]!["upstream"] = new JsonArray("compute_daily_session_stats");
        var e = Refused(json);
        AssertError(e, "$.tasks[0].upstream", "dependency cycle");
        Assert.Contains(e.Errors, x => x.Message.Contains(
            "ingest_raw_events → compute_daily_session_stats → compute_sessions → clean_events → ingest_raw_events"));
    }

    [Fact]
    public void A_task_depending_on_itself_is_refused()
    {
        var json = Shipped();
        json["tasks"]![1]!["upstream"] = new JsonArray("clean_events");
        AssertError(Refused(json), "$.tasks[1].upstream[0]", "cannot depend on itself");
    }

    [Theory]
    [InlineData("0 2 * *")]
    [InlineData("61 2 * * *")]
    [InlineData("every day")]
    public void A_bad_cron_is_refused(string cron)
    {
        var json = Shipped();
        json["schedule"]!["cron"] = cron;
        AssertError(Refused(json), "$.schedule.cron", "not a valid cron expression");
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        var json = Shipped();
        json["schedule"]!["time_zone"] = "Europe/Atlantis";
        AssertError(Refused(json), "$.schedule.time_zone", "unknown time zone");
    }

    [Theory]
    [InlineData("retry_delay", "999999999d", "longer than 3650d")]
    [InlineData("retry_delay", "2d", "most this setting takes, 1d")]
    [InlineData("max_retry_delay", "1d1ms", "most this setting takes, 1d")]
    [InlineData("execution_timeout", "50d", "most this setting takes, 7d")]
    [InlineData("sla", "8d", "most this setting takes, 7d")]
    public void A_duration_beyond_its_settings_range_is_refused_when_loaded(string field, string value, string fragment)
    {
        var json = Shipped();
        json["default_task_settings"]![field] = value;
        if (field == "retry_delay") json["default_task_settings"]!["max_retry_delay"] = "1d";
        AssertError(Refused(json), $"$.default_task_settings.{field}", fragment);
    }

    [Theory]
    [InlineData("data_deadline", "10000000d", "longer than 3650d")]
    [InlineData("data_deadline", "63d", "most this setting takes, 62d")]
    [InlineData("final_deadline", "100d", "most this setting takes, 62d")]
    [InlineData("rerun_stale_within", "63d", "most this setting takes, 62d")]
    public void A_deadline_or_window_beyond_its_range_is_refused_when_loaded(string field, string value, string fragment)
    {
        var json = Shipped();
        json[field] = value;
        AssertError(Refused(json), $"$.{field}", fragment);
    }

    [Theory]
    [InlineData("1999-12-31")]
    [InlineData("2101-01-01")]
    [InlineData("0001-01-01")]
    public void A_start_date_outside_the_plannable_range_is_refused(string date)
    {
        var json = Shipped();
        json["start_date"] = date;
        AssertError(Refused(json), "$.start_date", "outside 2000-01-01");
    }

    [Fact]
    public void More_tasks_than_a_dag_takes_are_refused_by_the_schema()
    {
        var json = Shipped();
        var tasks = json["tasks"]!.AsArray();
        var first = tasks[0]!.ToJsonString();
        for (var i = 0; i < DefinitionBounds.MaxTasks; i++)
        {
            var copy = JsonNode.Parse(first)!.AsObject();
            copy["id"] = $"extra_{i}";
            tasks.Add(copy);
        }
        Assert.Contains(Refused(json).Errors, e => e.Path == "$.tasks");
    }

    [Theory]
    [InlineData("retry_delay", "5 minutes", "unknown unit")]
    [InlineData("execution_timeout", "0s", "longer than zero")]
    [InlineData("sla", "1x", "unknown unit")]
    public void A_bad_duration_in_the_defaults_is_named_with_its_path(string field, string value, string fragment)
    {
        var json = Shipped();
        json["default_task_settings"]![field] = value;
        AssertError(Refused(json), $"$.default_task_settings.{field}", fragment);
    }

    [Fact]
    public void A_bad_duration_in_a_param_is_named_with_its_path()
    {
        var json = Shipped();
        json["tasks"]![2]!["params"]!["inactivity_gap"] = "half an hour";
        AssertError(Refused(json), "$.tasks[2].params.inactivity_gap", "param \"inactivity_gap\"");
    }

    [Fact]
    public void An_unknown_param_lists_the_ones_the_step_takes()
    {
        var json = Shipped();
        json["tasks"]![2]!["params"]!["gap"] = "30m";
        AssertError(Refused(json), "$.tasks[2].params.gap", "expected one of: inactivity_gap");
    }

    [Fact]
    public void A_param_of_the_wrong_type_is_refused()
    {
        var json = Shipped();
        json["tasks"]![2]!["params"]!["split_on_device"] = "sometimes";
        AssertError(Refused(json), "$.tasks[2].params.split_on_device", "true or false");
    }

    [Fact]
    public void Schema_violations_name_the_json_path()
    {
        var json = Shipped();
        json["tasks"]![3]!["retries"] = -1;
        json["max_active_runs"] = "three";
        json["colour"] = "blue";
        var e = Refused(json);
        Assert.Contains(e.Errors, x => x.Path == "$.tasks[3].retries");
        Assert.Contains(e.Errors, x => x.Path == "$.max_active_runs");
        Assert.Contains(e.Errors, x => x.Path == "$.colour" || x.Message.Contains("colour"));
    }

    [Fact]
    public void Invalid_json_says_where()
    {
        var e = Assert.Throws<DagDefinitionException>(() => Standard.Loader.Parse("{\n  \"id\": \"x\",\n  \"tasks\": [\n", "broken.json"));
        Assert.Contains("not valid JSON (line", e.Errors.Single().Message);
        Assert.Equal("broken.json", e.Errors.Single().Source);
    }

    [Fact]
    public void Every_error_is_reported_not_just_the_first()
    {
        var json = Shipped();
        json["tasks"]![0]!["step"] = "fetch";
        json["schedule"]!["cron"] = "bad";
        json["default_task_settings"]!["retry_delay"] = "soon";
        Assert.True(Refused(json).Errors.Count >= 3);
    }

    [Fact]
    public void Task_settings_override_the_defaults_field_by_field()
    {
        var json = Shipped();
        json["tasks"]![0]!["retries"] = 5;
        var dag = Standard.Loader.Parse(json.ToJsonString(), "x.json");
        var ingest = dag.Task("ingest_raw_events");
        Assert.Equal(5, ingest.Settings.Retries);
        Assert.Equal(TimeSpan.FromSeconds(30), ingest.Settings.RetryDelay);
        Assert.Equal(2, dag.Task("clean_events").Settings.Retries);
    }

    [Fact]
    public void Tasks_are_ordered_topologically_whatever_the_file_order()
    {
        var json = Shipped();
        var tasks = json["tasks"]!.AsArray();
        var reversed = new JsonArray(tasks.Reverse().Select(t => t!.DeepClone()).ToArray());
        json["tasks"] = reversed;
        var dag = Standard.Loader.Parse(json.ToJsonString(), "x.json");
        // Upstream first; tasks on a par keep their file order (reversed here).
        Assert.Equal(["ingest_raw_events", "clean_events", "compute_sessions", "compute_daily_session_stats", "reconcile_live_sessions"],
            dag.Tasks.Select(t => t.Id));
        Assert.Equal(["compute_sessions", "compute_daily_session_stats", "reconcile_live_sessions"],
            dag.WithDownstream("compute_sessions"));
    }

    [Fact]
    public void The_late_arrival_window_and_the_re_run_window_are_read_with_their_defaults()
    {
        var shipped = Standard.Loader.LoadFile(ShippedPath);
        Assert.Equal((1, 3, (TimeSpan?)null), (shipped.LateArrivalDays, shipped.RerunStaleWithinDays!.Value, shipped.FinalDeadline));
        var json = Shipped();
        json["late_arrival_days"] = 2;
        json["rerun_stale_within"] = "off";
        json["final_deadline"] = "3d";
        var dag = Standard.Loader.Parse(json.ToJsonString(), "my_dag.json");
        Assert.Equal((2, (int?)null, (TimeSpan?)TimeSpan.FromDays(3)), (dag.LateArrivalDays, dag.RerunStaleWithinDays, dag.FinalDeadline));
    }

    [Fact]
    public void A_re_run_window_that_is_not_whole_days_is_refused()
    {
        var json = Shipped();
        json["rerun_stale_within"] = "36h";
        AssertError(Refused(json), "$.rerun_stale_within", "whole number of days");
    }

    [Fact]
    public void Two_tasks_writing_one_dataset_are_refused()
    {
        var json = Shipped();
        json["tasks"]!.AsArray()
            .Add(new JsonObject { ["id"] = "clean_again", ["step"] = "clean", ["upstream"] = new JsonArray("ingest_raw_events") });
        AssertError(Refused(json), "$.tasks[5]", "both write silver_events");
    }

    [Fact]
    public void A_task_reading_a_dataset_written_by_a_task_not_upstream_of_it_is_refused()
    {
        var json = Shipped();
        json["tasks"]![2]!["upstream"] = new JsonArray("ingest_raw_events");
        AssertError(Refused(json), "$.tasks[2].upstream", "reads silver_events, which \"clean_events\" writes");
    }
}
