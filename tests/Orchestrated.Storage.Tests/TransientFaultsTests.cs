using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Storage.Tests;

[Trait("Tier", "unit")]
public class TransientFaultsTests
{
    private static AmazonS3Exception S3Error(HttpStatusCode status, string code = "") => new("x") { StatusCode = status, ErrorCode = code };

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "SlowDown")]
    [InlineData(HttpStatusCode.TooManyRequests, "")]
    [InlineData(HttpStatusCode.BadRequest, "RequestTimeout")]
    public void Server_errors_throttling_and_timeouts_are_retried(HttpStatusCode status, string code) =>
        Assert.True(TransientFaults.IsTransient(S3Error(status, code), CancellationToken.None));

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied")]
    [InlineData(HttpStatusCode.NotFound, "NoSuchKey")]
    [InlineData(HttpStatusCode.BadRequest, "InvalidArgument")]
    public void Client_errors_are_not_retried(HttpStatusCode status, string code) =>
        Assert.False(TransientFaults.IsTransient(S3Error(status, code), CancellationToken.None));

    [Fact]
    public void Dropped_connections_and_timeouts_are_retried_but_not_the_callers_cancellation()
    {
        Assert.True(TransientFaults.IsTransient(new HttpRequestException("reset"), CancellationToken.None));
        Assert.True(TransientFaults.IsTransient(new SocketException((int)SocketError.ConnectionReset), CancellationToken.None));
        Assert.True(TransientFaults.IsTransient(new TaskCanceledException("http timeout"), CancellationToken.None));
        Assert.False(TransientFaults.IsTransient(new TaskCanceledException("cancelled"), new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Programming_errors_are_not_retried()
    {
        Assert.False(TransientFaults.IsTransient(new ArgumentException("bad"), CancellationToken.None));
        Assert.False(TransientFaults.IsTransient(new FileNotFoundException("gone"), CancellationToken.None));
    }

    [Fact]
    public async Task A_store_whose_server_is_down_retries_then_reports_the_fault()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var logger = new CountingLogger();
        var options = new S3Options
        {
            ServiceUrl = $"http://127.0.0.1:{port}", AccessKey = "k", SecretKey = "s", MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        };
        using var store = new S3ObjectStore(StorageRoot.Parse("s3://bucket/prefix"), options, logger);
        await Assert.ThrowsAnyAsync<Exception>(() => store.ListAsync("raw/"));
        Assert.Equal(2, logger.Warnings);
    }

    private sealed class CountingLogger : ILogger
    {
        public int Warnings;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) Interlocked.Increment(ref Warnings);
        }
    }
}
