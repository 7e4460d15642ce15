using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Orchestrated.Storage.Objects;

/// <summary>
/// The only retry layer for storage calls (the SDK's own retries are switched off): Polly retries faults that a
/// later attempt can outlive — server errors, throttling, timeouts, dropped connections — and nothing else.
/// A 403, a 404 or a bad request fails at once.
/// </summary>
public static class TransientFaults
{
    public static bool IsTransient(Exception exception, CancellationToken callerToken) => exception switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested, // an HTTP timeout, not the caller giving up
        AmazonServiceException service when service.StatusCode != 0 =>
            (int)service.StatusCode >= 500 || service.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
            || service.ErrorCode is "SlowDown" or "RequestTimeout" or "InternalError" or "ServiceUnavailable" or "Throttling",
        // The SDK checks each download against its checksum: a mismatch is a damaged or torn transfer, and a
        // second GET returns a whole object.
        AmazonClientException { InnerException: null } client => client.Message.Contains("hash", StringComparison.OrdinalIgnoreCase)
                                                                 || client.Message.Contains("checksum", StringComparison.OrdinalIgnoreCase),
        AmazonClientException or AmazonServiceException => exception.InnerException is { } inner && IsTransient(inner, callerToken),
        HttpRequestException or SocketException or TimeoutException => true,
        IOException io => io is not FileNotFoundException and not DirectoryNotFoundException,
        _ => false,
    };

    public static ResiliencePipeline CreatePipeline(S3Options options, ILogger logger) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(20),
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && IsTransient(e, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    logger.LogWarning("Storage call failed ({Error}); retry {Attempt} in {Delay}",
                        args.Outcome.Exception?.Message, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
