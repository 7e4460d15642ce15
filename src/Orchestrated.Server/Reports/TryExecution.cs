namespace Orchestrated.Server.Reports;

/// <summary>
/// One time a worker ran a try. Usually a try has one; a broker redelivery (the first worker died or lost its
/// connection, the message went back to the queue) runs it again, and the record shows each run: where, when, how it
/// ended and whether its outcome counted. <see cref="Outcome"/> is running, success, failed or lost (the watchdog gave
/// up on it); an execution that finished after the try was already decided did not count, and says why.
/// </summary>
public sealed record TryExecution(Guid Id, string Worker, DateTime StartedAt, DateTime LastSeenAt, DateTime? EndedAt, string Outcome,
    bool Counted, string? Note);
