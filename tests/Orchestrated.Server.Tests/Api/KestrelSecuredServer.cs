
namespace Orchestrated.Server.Tests.Api;

/// <summary>
/// The secured embedded server behind real Kestrel on a loopback port, not the in-memory test host: what a client
/// can send includes what only a real HTTP server parses (encoded NULs in the path, body size limits while reading).
/// </summary>
public sealed class KestrelSecuredServer : SecuredServer
{
    public KestrelSecuredServer()
    {
        UseKestrel(0);
        StartServer();
    }
}
