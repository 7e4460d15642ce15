namespace Orchestrated.Pipeline;

/// <summary>
/// The step cannot run because its input is not there (yet): the raw folder has not arrived, or an upstream step
/// has not run. Retrying later can help, so orchestration treats it as retryable.
/// </summary>
public sealed class MissingInputException(string message) : Exception(message);
