using System.Collections;
using System.Reflection;
using Orchestrated.Execution.Messaging;
using Orchestrated.Pipeline;
using Orchestrated.Server.Alerts;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Scheduling;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Orchestrated.Server.Tests.Deployment;

/// <summary>docker-compose.yml cannot be run here (no Docker engine), so it is checked as data: it parses, every service
/// has an image or a Dockerfile that exists, and every setting it passes is one the code binds.</summary>
public class ComposeFileTests
{
    internal static readonly string Root = FindRoot();

    private static Dictionary<object, object> Compose()
    {
        using var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml"));
        return new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
    }

    private static Dictionary<object, object> Services() => (Dictionary<object, object>)Compose()["services"];

    private static Dictionary<object, object> Map(object o) => (Dictionary<object, object>)o;

    [Fact]
    public void It_names_the_whole_topology()
    {
        Assert.Equal(
            ["minio", "minio-bucket", "postgres", "rabbitmq", "server", "stream-worker",
             "worker-aggregate", "worker-clean", "worker-ingest", "worker-sessionize"],
            Services().Keys.Cast<string>().Order());
    }

    [Fact]
    public void Every_service_has_an_image_or_a_dockerfile_that_exists()
    {
        foreach (var (name, service) in Services().Select(p => ((string)p.Key, Map(p.Value))))
        {
            if (service.TryGetValue("build", out var build))
            {
                var b = Map(build);
                var dockerfile = Path.Combine(Root, (string)b["context"], (string)b["dockerfile"]);
                Assert.True(File.Exists(dockerfile), $"{name}: {dockerfile} does not exist");
                Assert.Contains("ENTRYPOINT", File.ReadAllText(dockerfile));
            }
            else Assert.True(service.ContainsKey("image"), $"{name} has neither build nor image");
        }
    }

    [Fact]
    public void Long_running_services_have_health_checks_restart_policies_and_named_volumes()
    {
        var services = Services();
        foreach (var name in new[] { "rabbitmq", "minio", "postgres" })
            Assert.True(Map(services[name]).ContainsKey("healthcheck"), $"{name} has no health check");
        foreach (var name in new[] { "server", "stream-worker", "worker-ingest", "worker-clean", "worker-sessionize", "worker-aggregate" })
        {
            var dockerfile = (string)Map(Map(services[name])["build"])["dockerfile"];
            Assert.Contains("HEALTHCHECK", File.ReadAllText(Path.Combine(Root, dockerfile)));
        }
        foreach (var (name, service) in services.Where(s => (string)s.Key != "minio-bucket").Select(p => ((string)p.Key, Map(p.Value))))
            Assert.Equal("unless-stopped", service["restart"]);
        var volumes = Map(Compose()["volumes"]).Keys.Cast<string>().ToHashSet();
        foreach (var service in services.Values.Select(Map).Where(s => s.ContainsKey("volumes")))
            foreach (var volume in ((IEnumerable)service["volumes"]).Cast<string>())
                Assert.Contains(volume.Split(':')[0], volumes);
    }

    [Fact]
    public void Each_worker_service_hosts_exactly_its_step_and_the_aggregate_workers_the_reconciliation()
    {
        foreach (var step in new[] { "ingest", "clean", "sessionize", "aggregate" })
        {
            var command = ((IEnumerable)Map(Services()[$"worker-{step}"])["command"]).Cast<string>().ToList();
            Assert.Equal(["--steps", step == "aggregate" ? "aggregate,reconcile" : step], command);
        }
        // Every step the shipped DAG uses has a worker service.
        var hosted = Services().Where(s => ((string)s.Key).StartsWith("worker-", StringComparison.Ordinal))
            .SelectMany(s => ((IEnumerable)Map(s.Value)["command"]).Cast<string>().Last().Split(',')).ToHashSet();
        Assert.Superset(hosted, Orchestrated.Pipeline.Steps.StepRegistry.Standard.Steps.Select(s => s.Name)
            .Where(s => s != Orchestrated.Pipeline.Steps.NoOpDescriptor.StepName).ToHashSet());
    }

    [Fact]
    public void Every_orchestrated_setting_the_compose_file_sets_is_one_the_code_binds()
    {
        var checkedKeys = 0;
        foreach (var (name, service) in Services().Select(p => ((string)p.Key, Map(p.Value))))
        {
            if (!service.TryGetValue("environment", out var environment)) continue;
            foreach (var key in Map(environment).Keys.Cast<string>().Where(k => k.StartsWith("Orchestrated__", StringComparison.Ordinal)))
            {
                Assert.True(Binds(key.Split("__")[1..]), $"{name}: {key} is not a setting the code binds");
                checkedKeys++;
            }
        }
        Assert.True(checkedKeys > 15);
        Assert.False(Binds(["Broker", "Hots"]));
        Assert.False(Binds(["S3", "Endpoint"]));
    }

    /// <summary>The sections under "Orchestrated" and the options classes that bind them.</summary>
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Broker"] = typeof(BrokerOptions), ["Worker"] = typeof(WorkerOptions), ["Database"] = typeof(DatabaseOptions),
        ["Scheduler"] = typeof(SchedulerOptions), ["Alerts"] = typeof(AlertOptions),
        ["Auth"] = typeof(Orchestrated.Server.Security.AuthOptions),
        ["Stream"] = typeof(Orchestrated.Execution.Streaming.StreamOptions),
        ["Collector"] = typeof(Orchestrated.Server.Api.CollectorOptions),
    };

    private static bool Binds(string[] path)
    {
        if (path.Length == 2 && path[0] == "Server" && path[1] == "HostWorkers") return true; // read with GetValue in ServerRegistration
        if (Sections.TryGetValue(path[0], out var section)) return Binds(section, path[1..]);
        // The flat keys of "Orchestrated" are read twice from one section: storage and S3, and the steps' settings.
        return Binds(typeof(PipelineSettings), path) || Binds(typeof(StepSettings), path);
    }

    private static bool Binds(Type type, string[] path)
    {
        foreach (var segment in path)
        {
            if (int.TryParse(segment, out _))
            {
                if (!typeof(IList).IsAssignableFrom(type)) return false;
                type = type.GetGenericArguments()[0];
                continue;
            }
            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite) return false;
            type = property.PropertyType;
        }
        return true;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrated.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Orchestrated.sln not found above the test binaries.");
    }
}
