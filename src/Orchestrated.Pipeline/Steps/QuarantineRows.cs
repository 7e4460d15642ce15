using Orchestrated.Domain.Events;
using Orchestrated.Domain.Ingest;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Steps;

/// <summary>Quarantined records into a quarantine file, with the reasons' contract names.</summary>
public sealed class QuarantineRows(QuarantineFileWriter writer) : IQuarantineSink
{
    public Task QuarantineAsync(QuarantinedRecord r) =>
        writer.AddAsync(new QuarantineRow(r.Reason.ToContractName(), r.File, r.Line, r.Detail, r.Raw));
}
