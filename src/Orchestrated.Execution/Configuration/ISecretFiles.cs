namespace Orchestrated.Execution.Configuration;

/// <summary>Options with secrets that may come from files (Docker or Kubernetes secrets): read once, when bound.</summary>
public interface ISecretFiles
{
    /// <summary>Replaces each secret whose <c>…File</c> setting names a file by that file's content.</summary>
    void ReadSecretFiles();
}
