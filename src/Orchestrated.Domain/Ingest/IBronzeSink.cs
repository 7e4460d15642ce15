using Orchestrated.Domain.Events;

namespace Orchestrated.Domain.Ingest;

/// <summary>Where accepted events go: bronze, grouped by event date by whoever implements it.</summary>
public interface IBronzeSink
{
    /// <summary>An accepted event; its bytes are valid only during the call.</summary>
    void Accept(RawEvent e, DateOnly eventDate, string file, long line);
}
