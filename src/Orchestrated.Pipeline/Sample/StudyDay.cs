namespace Orchestrated.Pipeline.Sample;

/// <summary>
/// How a student studies on one day, against their usual: the share of their usual sessions, the share of their usual
/// session length, how many hours later than usual they start, and whether a script clicks for them beside their first
/// session (the machine-regular sessions the anomaly rules and detector look for).
/// </summary>
internal readonly record struct StudyDay(double Intensity, double Length, double HoursLater, bool Scripted = false)
{
    /// <summary>Every day as usual: the sample without a story, byte for byte.</summary>
    public static StudyDay Usual { get; } = new(1, 1, 0);
}
