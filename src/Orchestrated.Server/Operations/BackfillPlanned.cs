using Orchestrated.Server.Metadata;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Operations;

public sealed record BackfillPlanned(BackfillRecord? Backfill, IReadOnlyList<BackfillDate> Plan);
