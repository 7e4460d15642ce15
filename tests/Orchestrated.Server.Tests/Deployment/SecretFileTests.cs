using Microsoft.Extensions.Configuration;
using Orchestrated.Execution.Configuration;
using Orchestrated.Execution.Messaging;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Scheduling;
using Orchestrated.Server.Security;

namespace Orchestrated.Server.Tests.Deployment;

/// <summary>
/// Every options class is bound once at start: secrets from files (Docker and Kubernetes secrets) read then — a file
/// wins over the plain setting —, an unknown key or a value out of its range refused with the setting named.
/// </summary>
public sealed class SecretFileTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Broker_password_database_connection_string_api_keys_and_admin_password_are_read_from_their_files_when_bound()
    {
        File.WriteAllText(_file, "from-the-file\n");
        Assert.Equal("from-the-file",
            BoundOptions.Bind<BrokerOptions>(Config(("b:Password", "plain"), ("b:PasswordFile", _file)), "b").Password);
        Assert.Equal("plain", BoundOptions.Bind<BrokerOptions>(Config(("b:Password", "plain")), "b").Password);
        Assert.Equal("from-the-file",
            BoundOptions.Bind<DatabaseOptions>(Config(("d:ConnectionString", "plain"), ("d:ConnectionStringFile", _file)), "d")
                .ConnectionString);
        var auth = BoundOptions.Bind<AuthOptions>(Config(("a:ApiKeys:0:KeyFile", _file), ("a:ApiKeys:0:Role", "Operator"),
            ("a:ApiKeys:1:Key", ""), ("a:AdminUser", "a"), ("a:AdminPasswordFile", _file)), "a");
        Assert.Equal([("key-0", "from-the-file", Role.Operator)], auth.Keys());
        Assert.Equal("from-the-file", auth.AdminPassword);
        Assert.True(auth.Enabled);
        Assert.False(new AuthOptions().Enabled);
    }

    [Fact]
    public void A_secret_file_that_does_not_exist_is_refused_naming_its_setting()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            BoundOptions.Bind<BrokerOptions>(Config(("Orchestrated:Broker:PasswordFile", "/nowhere/secret")), BrokerOptions.Section));
        Assert.Contains("Orchestrated:Broker:PasswordFile names /nowhere/secret", e.Message);
    }

    [Fact]
    public void An_unknown_key_or_a_value_out_of_range_is_refused_naming_the_setting()
    {
        var unknown = Assert.Throws<ArgumentException>(() =>
            BoundOptions.Bind<BrokerOptions>(Config(("Orchestrated:Broker:Hots", "rabbit")), BrokerOptions.Section));
        Assert.Contains("Orchestrated:Broker", unknown.Message);
        Assert.Contains("Hots", unknown.Message);
        var range = Assert.Throws<ArgumentException>(() =>
            BoundOptions.Bind<SchedulerOptions>(Config(("Orchestrated:Scheduler:SlaLookbackDays", "0")), SchedulerOptions.Section));
        Assert.Contains("Orchestrated:Scheduler:SlaLookbackDays", range.Message);
        var worker = Assert.Throws<ArgumentException>(() =>
            BoundOptions.Bind<WorkerOptions>(Config(("Orchestrated:Worker:Concurrency", "0")), WorkerOptions.Section));
        Assert.Contains("Orchestrated:Worker:Concurrency", worker.Message);
    }

    public void Dispose() => File.Delete(_file);
}
