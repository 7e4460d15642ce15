namespace Orchestrated.Pipeline.Sample;

/// <param name="Start">The first arrival date.</param>
/// <param name="Days">How many arrival dates to write.</param>
/// <param name="Students">Ordinary students (the edge-case students come on top).</param>
/// <param name="SessionsPerStudentDay">Mean study sessions per student and day.</param>
/// <param name="EdgeCases">Add the hand-made events that exercise every rule of the contract.</param>
/// <param name="TailDays">
/// Arrival dates after the last study day, holding only what arrives late: its sessions' events after midnight,
/// uploads a day late, re-sent duplicates. With two, every study day's partitions can become final.
/// </param>
/// <param name="Story">Engagement trajectories (<see cref="EngagementStory"/>); none gives every student the same habits.</param>
public sealed record SampleOptions(
    DateOnly Start,
    int Days = 7,
    int Students = 300,
    int Seed = 42,
    double SessionsPerStudentDay = 1.6,
    bool EdgeCases = true,
    int WebFilesPerDay = 2,
    int TailDays = 0,
    EngagementStory? Story = null)
{
    /// <summary>The first arrival date not written.</summary>
    public DateOnly ArrivalEnd => Start.AddDays(Days + TailDays);

    public static DateOnly DefaultStart { get; } = new(2026, 3, 2);

    /// <summary>Students needed for about <paramref name="eventsPerDay"/> events a day (a session has about 25 events).</summary>
    public static int StudentsFor(long eventsPerDay, double sessionsPerStudentDay = 1.6) =>
        (int)Math.Max(1, eventsPerDay / (sessionsPerStudentDay * 25.5));
}
