namespace Orchestrated.Execution.Configuration;

/// <summary>Reading one secret file, with an error that names the setting when it cannot be read.</summary>
public static class SecretFile
{
    public static string? Read(string? path, string setting, string? otherwise)
    {
        if (string.IsNullOrWhiteSpace(path)) return otherwise;
        if (!File.Exists(path)) throw new ArgumentException($"{setting} names {path}, which does not exist.");
        return File.ReadAllText(path).Trim();
    }
}
