using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Scheduling;

public sealed class SchedulerOnSqliteTests : SchedulerTests
{
    protected override Task<TestDatabase> DatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}
