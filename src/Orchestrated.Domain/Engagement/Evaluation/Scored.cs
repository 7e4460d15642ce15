namespace Orchestrated.Domain.Engagement.Evaluation;

/// <summary>A prediction (a probability) with what happened, for one student (or session) and date.</summary>
public readonly record struct Scored(DateOnly Date, double Probability, bool Label);
