using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Scheduling;

public sealed class SchedulerOnPostgresTests : SchedulerTests
{
    protected override Task<TestDatabase> DatabaseAsync() => TestDatabase.PostgresAsync();
}
