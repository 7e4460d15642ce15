using System.Globalization;
using System.Text.Json;
using Cronos;

namespace Orchestrated.Workflows.Definitions;

/// <summary>
/// Reads a DAG definition and checks it completely: structure against the schema, then what a schema cannot say —
/// known step types and params, upstream tasks that exist, no cycle, a cron and time zone that parse, durations that
/// make sense. Every error names the file and the JSON path.
/// </summary>
public sealed class DagLoader(StepCatalog catalog)
{
    public StepCatalog Catalog => catalog;

    public DagDefinition LoadFile(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    public DagDefinition Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json,
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new DagDefinitionException([new DefinitionError(source, e.Path ?? JsonPath.Root,
                $"not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {e.Message.Split(" Path:")[0]}")]);
        }
        using (document)
        {
            var schemaErrors = DagSchema.Check(document.RootElement);
            if (schemaErrors.Count > 0)
                throw new DagDefinitionException(schemaErrors.Select(e => new DefinitionError(source, e.Path, e.Message)).ToList());
            var reader = new DefinitionReader(source, catalog);
            var dag = reader.Read(document.RootElement);
            if (reader.Errors.Count > 0) throw new DagDefinitionException(reader.Errors);
            return dag!;
        }
    }

    /// <summary>Walks a schema-valid document, collecting semantic errors rather than stopping at the first.</summary>
    private sealed class DefinitionReader(string source, StepCatalog catalog)
    {
        public List<DefinitionError> Errors { get; } = [];

        /// <summary>Task ids in file order, for error paths once the tasks are in topological order.</summary>
        private readonly List<string> _fileOrder = [];

        private void Error(string path, string message) => Errors.Add(new DefinitionError(source, path, message));

        public DagDefinition? Read(JsonElement root)
        {
            var schedule = ReadSchedule(root.GetProperty("schedule"), "$.schedule");
            var startDate = ReadStartDate(root.GetProperty("start_date"), "$.start_date");
            var defaults = root.TryGetProperty("default_task_settings", out var d)
                ? ReadSettings(d, "$.default_task_settings", new TaskSettings())
                : new TaskSettings();
            TimeSpan? deadline = root.TryGetProperty("data_deadline", out var dl)
                ? ReadDuration(dl, "$.data_deadline", DefinitionBounds.MaxDeadline)
                : null;
            TimeSpan? finalDeadline = root.TryGetProperty("final_deadline", out var fd)
                ? ReadDuration(fd, "$.final_deadline", DefinitionBounds.MaxDeadline)
                : null;
            var rerunWithin = root.TryGetProperty("rerun_stale_within", out var rw) ? ReadRerunWindow(rw, "$.rerun_stale_within")
                : DagDefinition.DefaultRerunStaleWithinDays;
            var tasks = ReadTasks(root.GetProperty("tasks"), defaults);
            if (Errors.Count > 0) return null;
            var dag = new DagDefinition
            {
                Id = root.GetProperty("id").GetString()!,
                Description = root.TryGetProperty("description", out var desc) ? desc.GetString() ?? "" : "",
                Schedule = schedule!,
                StartDate = startDate,
                Catchup = !root.TryGetProperty("catchup", out var c) || c.GetBoolean(),
                MaxActiveRuns = root.TryGetProperty("max_active_runs", out var m) ? m.GetInt32() : 1,
                PausedOnCreation = root.TryGetProperty("paused_on_creation", out var p) && p.GetBoolean(),
                DataDeadline = deadline,
                FinalDeadline = finalDeadline,
                LateArrivalDays = root.TryGetProperty("late_arrival_days", out var la)
                    ? la.GetInt32()
                    : DagDefinition.DefaultLateArrivalDays,
                RerunStaleWithinDays = rerunWithin,
                Tasks = tasks,
            };
            CheckPartitions(dag);
            return Errors.Count > 0 ? null : dag;
        }

        /// <summary>"off", or whole days such as "3d": how far from its date a change may be and still re-run a partition.</summary>
        private int? ReadRerunWindow(JsonElement e, string path)
        {
            if (e.GetString() == "off") return null;
            var window = ReadDuration(e, path, TimeSpan.FromDays(DefinitionBounds.MaxRerunWindowDays));
            if (window.Ticks % TimeSpan.TicksPerDay != 0)
                Error(path, $"\"{e.GetString()}\" is not a whole number of days (such as \"3d\") or \"off\"");
            return (int)window.TotalDays;
        }

        /// <summary>
        /// One task writes each dataset, and a task reading a dataset the DAG writes runs after its writer: then the
        /// waits between runs go from later steps to earlier ones only, and can never form a cycle.
        /// </summary>
        private void CheckPartitions(DagDefinition dag)
        {
            var partitions = new Partitions.DagPartitions(dag, catalog);
            var writers = new Dictionary<string, string>();
            foreach (var (dataset, taskId) in partitions.Produced)
                if (!writers.TryAdd(dataset, taskId))
                    Error(PathOf(taskId), $"tasks \"{writers[dataset]}\" and \"{taskId}\" both write {dataset}; a dataset has one writer");
            foreach (var task in dag.Tasks)
                foreach (var window in partitions.ProducedReads(partitions.Of(task.Id)))
                {
                    var producer = partitions.ProducerOf(window.Dataset)!;
                    if (producer != task.Id && !dag.WithDownstream(producer).Contains(task.Id))
                        Error($"{PathOf(task.Id)}.upstream",
                            $"task \"{task.Id}\" reads {window.Dataset}, which \"{producer}\" writes: " +
                            $"it must be downstream of \"{producer}\"");
                }
        }

        private string PathOf(string taskId) => $"$.tasks[{_fileOrder.IndexOf(taskId)}]";

        private ScheduleDefinition? ReadSchedule(JsonElement e, string path)
        {
            var cron = e.GetProperty("cron").GetString()!;
            try { CronExpression.Parse(cron); }
            catch (CronFormatException ex) { Error($"{path}.cron", $"\"{cron}\" is not a valid cron expression: {ex.Message}"); }
            var zone = e.TryGetProperty("time_zone", out var z) ? z.GetString()! : "UTC";
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
                Error($"{path}.time_zone", $"unknown time zone \"{zone}\" (expected an IANA name such as UTC or Europe/Paris)");
            var lag = e.TryGetProperty("lag_days", out var l) ? l.GetInt32() : 1;
            return new ScheduleDefinition(cron, zone, lag);
        }

        private DateOnly ReadStartDate(JsonElement e, string path)
        {
            if (!DateOnly.TryParseExact(e.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                Error(path, $"\"{e.GetString()}\" is not a date (yyyy-MM-dd)");
            else if (date < DefinitionBounds.EarliestStartDate || date > DefinitionBounds.LatestStartDate)
                Error(path, $"{date:yyyy-MM-dd} is outside {DefinitionBounds.EarliestStartDate:yyyy-MM-dd}…" +
                    $"{DefinitionBounds.LatestStartDate:yyyy-MM-dd}");
            return date;
        }

        private TimeSpan ReadDuration(JsonElement e, string path, TimeSpan max, bool allowZero = false)
        {
            if (!Duration.TryParse(e.GetString(), out var value, out var error)) { Error(path, error!); return default; }
            if (value == TimeSpan.Zero && !allowZero) Error(path, "must be longer than zero");
            if (value > max) Error(path, $"{Duration.Format(value)} is longer than the most this setting takes, {Duration.Format(max)}");
            return value;
        }

        private TaskSettings ReadSettings(JsonElement e, string path, TaskSettings inherited)
        {
            var s = inherited;
            if (e.TryGetProperty("retries", out var r)) s = s with { Retries = r.GetInt32() };
            if (e.TryGetProperty("retry_delay", out var rd))
                s = s with { RetryDelay = ReadDuration(rd, $"{path}.retry_delay", DefinitionBounds.MaxRetryDelay, allowZero: true) };
            if (e.TryGetProperty("retry_exponential_backoff", out var eb)) s = s with { ExponentialBackoff = eb.GetBoolean() };
            if (e.TryGetProperty("max_retry_delay", out var mr))
                s = s with { MaxRetryDelay = ReadDuration(mr, $"{path}.max_retry_delay", DefinitionBounds.MaxRetryDelay) };
            if (e.TryGetProperty("execution_timeout", out var et))
                s = s with { ExecutionTimeout = ReadDuration(et, $"{path}.execution_timeout", DefinitionBounds.MaxExecutionTimeout) };
            if (e.TryGetProperty("sla", out var sla)) s = s with { Sla = ReadDuration(sla, $"{path}.sla", DefinitionBounds.MaxSla) };
            if (s.MaxRetryDelay < s.RetryDelay)
                Error($"{path}.max_retry_delay",
                    $"{Duration.Format(s.MaxRetryDelay)} is shorter than retry_delay {Duration.Format(s.RetryDelay)}");
            return s;
        }

        private List<TaskDefinition> ReadTasks(JsonElement array, TaskSettings defaults)
        {
            var tasks = new List<(TaskDefinition Task, string Path)>();
            var index = 0;
            foreach (var e in array.EnumerateArray())
            {
                var path = $"$.tasks[{index++}]";
                var id = e.GetProperty("id").GetString()!;
                _fileOrder.Add(id);
                if (tasks.Any(t => t.Task.Id == id)) Error($"{path}.id", $"task id \"{id}\" is used twice");
                var step = e.GetProperty("step").GetString()!;
                var stepType = catalog.Find(step);
                if (stepType is null)
                    Error($"{path}.step",
                        $"unknown step type \"{step}\" (expected one of: {string.Join(", ", catalog.Steps.Select(s => s.Name))})");
                var upstream = e.TryGetProperty("upstream", out var u) ? u.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
                var parameters = e.TryGetProperty("params", out var p)
                    ? ReadParams(p, $"{path}.params", stepType)
                    : new Dictionary<string, string>();
                var settings = ReadSettings(e, path, defaults);
                var description = e.TryGetProperty("description", out var desc) ? desc.GetString() : null;
                tasks.Add((new TaskDefinition(id, step, upstream, parameters, settings, description), path));
            }
            var ids = tasks.Select(t => t.Task.Id).ToHashSet();
            foreach (var (task, path) in tasks)
                for (var i = 0; i < task.Upstream.Count; i++)
                {
                    if (!ids.Contains(task.Upstream[i]))
                        Error($"{path}.upstream[{i}]", $"upstream task \"{task.Upstream[i]}\" does not exist");
                    else if (task.Upstream[i] == task.Id)
                        Error($"{path}.upstream[{i}]", $"task \"{task.Id}\" cannot depend on itself");
                }
            return Errors.Count > 0 ? [] : TopologicalOrder(tasks);
        }

        private Dictionary<string, string> ReadParams(JsonElement e, string path, StepType? step)
        {
            var values = new Dictionary<string, string>();
            foreach (var property in e.EnumerateObject())
            {
                var at = $"{path}.{property.Name}";
                var spec = step?.Params.FirstOrDefault(p => p.Name == property.Name);
                if (step is null) continue;
                if (spec is null)
                {
                    var known = step.Params.Count == 0
                        ? "it takes no params"
                        : "expected one of: " + string.Join(", ", step.Params.Select(p => p.Name));
                    Error(at, $"step \"{step.Name}\" has no param \"{property.Name}\" ({known})");
                    continue;
                }
                if (ParamValues.Normalise(spec, property.Value, out var text, out var error)) values[spec.Name] = text!;
                else Error(at, error!);
            }
            return values;
        }

        /// <summary>Kahn's algorithm, stable in file order; tasks left over sit on a cycle.</summary>
        private List<TaskDefinition> TopologicalOrder(List<(TaskDefinition Task, string Path)> tasks)
        {
            var ordered = new List<TaskDefinition>();
            var placed = new HashSet<string>();
            var remaining = tasks.ToList();
            while (remaining.Count > 0)
            {
                var next = remaining.FindIndex(t => t.Task.Upstream.All(placed.Contains));
                if (next < 0)
                {
                    foreach (var (task, path) in remaining)
                        Error($"{path}.upstream",
                            $"task \"{task.Id}\" is on a dependency cycle ({string.Join(" → ", CycleThrough(task, tasks))})");
                    return [];
                }
                ordered.Add(remaining[next].Task);
                placed.Add(remaining[next].Task.Id);
                remaining.RemoveAt(next);
            }
            return ordered;
        }

        private static IEnumerable<string> CycleThrough(TaskDefinition start, List<(TaskDefinition Task, string Path)> tasks)
        {
            var byId = tasks.ToDictionary(t => t.Task.Id, t => t.Task);
            var path = new List<string> { start.Id };
            var current = start;
            for (var i = 0; i < tasks.Count; i++)
            {
                var next = current.Upstream.Select(u => byId[u]).FirstOrDefault(t => t.Id == start.Id || ReachesStart(t));
                if (next is null) break;
                path.Add(next.Id);
                if (next.Id == start.Id) break;
                current = next;
            }
            return path;

            bool ReachesStart(TaskDefinition from)
            {
                var seen = new HashSet<string>();
                var stack = new Stack<TaskDefinition>([from]);
                while (stack.Count > 0)
                {
                    var t = stack.Pop();
                    if (!seen.Add(t.Id)) continue;
                    foreach (var u in t.Upstream)
                    {
                        if (u == start.Id) return true;
                        stack.Push(byId[u]);
                    }
                }
                return false;
            }
        }
    }
}
