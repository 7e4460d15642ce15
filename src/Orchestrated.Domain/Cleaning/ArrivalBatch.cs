namespace Orchestrated.Domain.Cleaning;

/// <summary>A batch of bronze rows and the arrival date they came with (the batch is reused: see <see cref="BronzeEventBatch"/>).</summary>
public readonly record struct ArrivalBatch(DateOnly Arrival, BronzeEventBatch Batch);
