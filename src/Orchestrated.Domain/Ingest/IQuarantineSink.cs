namespace Orchestrated.Domain.Ingest;

/// <summary>Where every record that is not an event goes, with its reason.</summary>
public interface IQuarantineSink
{
    Task QuarantineAsync(QuarantinedRecord record);
}
