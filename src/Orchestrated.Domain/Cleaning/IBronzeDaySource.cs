namespace Orchestrated.Domain.Cleaning;

/// <summary>
/// The bronze rows of one event date, from every arrival date that holds some, in first-seen order: arrival date,
/// then file, then line. The order is the contract's: the first copy of a duplicated event is the one kept.
/// </summary>
public interface IBronzeDaySource
{
    IAsyncEnumerable<ArrivalBatch> ReadFirstSeenAsync(DateOnly eventDate, CancellationToken cancellationToken);
}
