namespace Orchestrated.Domain.Engagement;

/// <summary>A student's features as of a date, with whether they then dropped out (the label the horizon revealed).</summary>
public sealed record LabelledFeatures(StudentFeatures Features, bool DropsOut)
{
    public DateOnly Date => Features.Date;
}
