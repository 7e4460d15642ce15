using Orchestrated.Pipeline.Engagement;

namespace Orchestrated.Server.Api;

/// <summary>
/// The published version of the dropout model (null before one is), every stored version's card, oldest first, and
/// the published session anomaly detector's card, and the latest early warning's card (published or not).
/// </summary>
public sealed record ModelsPage(string? Published, IReadOnlyList<ModelCard> Versions, AnomalyCard? AnomalyDetector,
    EarlyWarningCard? EarlyWarning);
