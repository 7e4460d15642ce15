using Orchestrated.Domain.Sessions;

namespace Orchestrated.Server.Api;

/// <summary>
/// The stream sessionizer: per partition this process owns, the watermark, how far the stream's clock is behind the
/// wall clock (consumer lag), open sessions, held and late events; the partitions other processes own as they last
/// reported (<c>Elsewhere</c>); and the latest sessions closed by any of them.
/// </summary>
public sealed record LiveView(bool Hosted, int Partitions, IReadOnlyList<LivePartitionView> Owned,
    IReadOnlyList<LivePartitionView> Elsewhere, IReadOnlyList<SessionRow> RecentSessions);
