using Orchestrated.Domain.Sessions;

namespace Orchestrated.Server.Api;

/// <summary>
/// The stream sessionizer as this process runs it: per partition it owns, the watermark, how far the stream's clock
/// is behind the wall clock (consumer lag), open sessions, held and late events; and the latest sessions it closed.
/// </summary>
public sealed record LiveView(bool Hosted, int Partitions, IReadOnlyList<LivePartitionView> Owned,
    IReadOnlyList<SessionRow> RecentSessions);
