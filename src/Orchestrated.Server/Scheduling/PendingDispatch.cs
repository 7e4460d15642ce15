using Orchestrated.Contracts;

namespace Orchestrated.Server.Scheduling;

/// <summary>A try created in the database, to be sent once the transaction that created it has committed.</summary>
public sealed record PendingDispatch(RunTaskTry Command);
