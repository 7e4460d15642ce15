namespace Orchestrated.Server.Operations;

/// <summary>A request that cannot be done as asked; the API turns it into 404, 400 or 409 with the message.</summary>
public sealed class OperationException(OperationError error, string message, IReadOnlyList<string>? details = null) : Exception(message)
{
    public OperationError Error { get; } = error;
    public IReadOnlyList<string> Details { get; } = details ?? [];
}
