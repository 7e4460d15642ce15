namespace Orchestrated.Pipeline.Sample;

/// <summary>
/// Engagement trajectories for the sample, so the engagement models have a signal to find: students who stay steady,
/// who fade out (fewer and shorter sessions, later hours, then none), who cram before each deadline, and who come back
/// after a break. <paramref name="Noise"/> (0 … 1) blurs them — day-to-day swings, steady students who pause for a few
/// days, faders who never quite stop — so that "days since the last session" is a fair baseline, not a perfect one.
/// </summary>
/// <param name="Noise">How far real students stray from their trajectory; 0 is the bare story.</param>
/// <param name="DeadlineEveryDays">Days between the course deadlines crammers work towards.</param>
public sealed record EngagementStory(double Noise = 0.3, int DeadlineEveryDays = 14)
{
    public void Validate()
    {
        if (Noise is < 0 or > 1 || double.IsNaN(Noise))
            throw new ArgumentException($"The story's noise must be between 0 and 1, not {Noise}.");
        if (DeadlineEveryDays is < 2 or > 60)
            throw new ArgumentException($"Days between deadlines must be between 2 and 60, not {DeadlineEveryDays}.");
    }
}
