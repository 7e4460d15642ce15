namespace Orchestrated.EndToEnd.Tests.Support;

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: whatever these tests were built with, so the processes match the code under test.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string ServerDll => Built("src/Orchestrated.Server", "orchestrated-server.dll");
    public static string WorkerDll => Built("src/Orchestrated.Worker", "orchestrated-worker.dll");

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built: build the solution before these tests.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrated.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Orchestrated.sln not found above the test binaries.");
    }
}
