using Orchestrated.Execution.Messaging;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Security;

namespace Orchestrated.Server.Tests.Deployment;

/// <summary>Secrets can come from files (Docker and Kubernetes secrets); a file wins over the plain setting.</summary>
public sealed class SecretFileTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    [Fact]
    public void Broker_password_database_connection_string_api_keys_and_admin_password_read_their_files()
    {
        File.WriteAllText(_file, "from-the-file\n");
        Assert.Equal("from-the-file", new BrokerOptions { Password = "plain", PasswordFile = _file }.ResolvedPassword);
        Assert.Equal("plain", new BrokerOptions { Password = "plain" }.ResolvedPassword);
        Assert.Equal("from-the-file", new DatabaseOptions { ConnectionString = "plain", ConnectionStringFile = _file }.ResolvedConnectionString);
        var auth = new AuthOptions { ApiKeys = [new ApiKeyOptions { KeyFile = _file, Role = Role.Operator }, new ApiKeyOptions { Key = "" }], AdminUser = "a", AdminPasswordFile = _file };
        Assert.Equal([("key-0", "from-the-file", Role.Operator)], auth.ResolvedKeys());
        Assert.Equal("from-the-file", auth.ResolvedAdminPassword);
        Assert.True(auth.Enabled);
        Assert.False(new AuthOptions().Enabled);
    }

    public void Dispose() => File.Delete(_file);
}
