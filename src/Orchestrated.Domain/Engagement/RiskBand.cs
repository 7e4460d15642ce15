namespace Orchestrated.Domain.Engagement;

/// <summary>The band a risk falls in, for a list a teacher can act on: high from 50 %, medium from 20 %.</summary>
public static class RiskBand
{
    public const string High = "high", Medium = "medium", Low = "low";

    public static string Of(double risk) => risk >= 0.5 ? High : risk >= 0.2 ? Medium : Low;
}
