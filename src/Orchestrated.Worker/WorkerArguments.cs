namespace Orchestrated.Worker;

/// <summary>Maps the worker's short flags onto configuration keys, so flags, settings and environment agree.</summary>
public static class WorkerArguments
{
    public static string[] Normalise(string[] args)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--steps" when i + 1 < args.Length:
                    var steps = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    for (var s = 0; s < steps.Length; s++) result.Add($"--Orchestrated:Worker:Steps:{s}={steps[s]}");
                    break;
                case "--concurrency" when i + 1 < args.Length:
                    result.Add($"--Orchestrated:Worker:Concurrency={args[++i]}");
                    break;
                case "--name" when i + 1 < args.Length:
                    result.Add($"--Orchestrated:Worker:Name={args[++i]}");
                    break;
                default:
                    result.Add(args[i]);
                    break;
            }
        }
        return result.ToArray();
    }
}
