using Orchestrated.Pipeline.Engagement;

namespace Orchestrated.Server.Api;

/// <summary>The published version of the dropout model (null before one is), and every stored version's card, oldest first.</summary>
public sealed record ModelsPage(string? Published, IReadOnlyList<ModelCard> Versions);
