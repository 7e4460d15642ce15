using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Scheduling;

public sealed class LateDataOnPostgresTests : LateDataTests
{
    protected override Task<TestDatabase> DatabaseAsync() => TestDatabase.PostgresAsync();
}
