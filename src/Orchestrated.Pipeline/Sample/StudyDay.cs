namespace Orchestrated.Pipeline.Sample;

/// <summary>
/// How a student studies on one day, against their usual: the share of their usual sessions, the share of their usual
/// session length, and how many hours later than usual they start.
/// </summary>
internal readonly record struct StudyDay(double Intensity, double Length, double HoursLater)
{
    /// <summary>Every day as usual: the sample without a story, byte for byte.</summary>
    public static StudyDay Usual { get; } = new(1, 1, 0);
}
