using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Scheduling;

public sealed class LateDataOnSqliteTests : LateDataTests
{
    protected override Task<TestDatabase> DatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}
