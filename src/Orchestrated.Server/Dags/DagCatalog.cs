using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Server.Metadata;
using Orchestrated.Workflows.Definitions;
using Orchestrated.Workflows.Partitions;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Dags;

/// <summary>
/// The DAG definitions: versions live in the metadata database (so every replica and every run sees the same ones),
/// parsed once per version. Files in the workflows folder seed them: a file that changed becomes a new version.
/// </summary>
public sealed class DagCatalog(IDbContextFactory<MetadataDb> dbs, StepRegistry steps, TimeProvider clock, ILogger<DagCatalog> logger)
{
    private readonly ConcurrentDictionary<(string, int), DagVersion> _parsed = new();

    public DagLoader Loader { get; } = new(steps.Catalog);

    /// <summary>Loads every <c>*.json</c> DAG file of <paramref name="folder"/> (not the schema) into the database.</summary>
    public async Task SyncFolderAsync(string folder, CancellationToken ct)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The workflows folder {Path.GetFullPath(folder)} does not exist.");
        foreach (var file in Directory.GetFiles(folder, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Order())
        {
            var json = await File.ReadAllTextAsync(file, ct);
            var dag = Loader.Parse(json, Path.GetFileName(file)); // throws with every error, naming the file
            var version = await SaveAsync(dag.Id, json, $"file {Path.GetFileName(file)}", comment: null, onlyIfChanged: true, ct);
            logger.LogInformation("DAG {Dag} from {File}: version {Version}", dag.Id, file, version);
        }
    }

    /// <summary>
    /// Validates and stores a definition as the DAG's new current version; returns the version number. Processes that
    /// start together (a server and its stream workers, replicas) sync the same folder at once: when another saved the
    /// same DAG first, the save is decided again on what it stored (unchanged: its version is the answer).
    /// </summary>
    public async Task<int> SaveAsync(string dagId, string json, string source, string? comment, bool onlyIfChanged, CancellationToken ct)
    {
        var dag = Loader.Parse(json, source);
        if (dag.Id != dagId)
            throw new DagDefinitionException([new DefinitionError(source, "$.id", $"the definition's id \"{dag.Id}\" is not \"{dagId}\"")]);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SaveOnceAsync(dagId, json, source, comment, onlyIfChanged, dag.PausedOnCreation, ct);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                logger.LogInformation("DAG {Dag} was saved by another process meanwhile; deciding again", dagId);
            }
        }
    }

    private async Task<int> SaveOnceAsync(string dagId, string json, string source, string? comment, bool onlyIfChanged,
        bool pausedOnCreation, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var record = await db.Dags.FindAsync([dagId], ct);
        if (record is not null && onlyIfChanged)
        {
            var current = await db.DagVersions.FindAsync([dagId, record.CurrentVersion], ct);
            if (current?.Json == json) return record.CurrentVersion;
        }
        if (record is null)
        {
            record = new DagRecord { DagId = dagId, Paused = pausedOnCreation };
            db.Dags.Add(record);
        }
        var next = await db.DagVersions.Where(v => v.DagId == dagId).Select(v => (int?)v.Version).MaxAsync(ct) ?? 0;
        record.CurrentVersion = next + 1;
        db.DagVersions.Add(new DagVersionRecord
        {
            DagId = dagId, Version = next + 1, Json = json, Source = source, Comment = comment, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return next + 1;
    }

    public async Task<DagVersion> GetAsync(string dagId, int version, CancellationToken ct)
    {
        if (_parsed.TryGetValue((dagId, version), out var parsed)) return parsed;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var record = await db.DagVersions.AsNoTracking().SingleOrDefaultAsync(v => v.DagId == dagId && v.Version == version, ct)
            ?? throw new KeyNotFoundException($"DAG '{dagId}' has no version {version}.");
        var dag = Loader.Parse(record.Json, $"{dagId} v{version}");
        var parsedVersion = new DagVersion(dag, version, new CronSchedule(dag.Schedule), new DagPartitions(dag, steps.Catalog));
        return _parsed.GetOrAdd((dagId, version), parsedVersion);
    }

    public async Task<DagVersion> GetCurrentAsync(string dagId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var record = await db.Dags.AsNoTracking().SingleOrDefaultAsync(d => d.DagId == dagId, ct)
            ?? throw new KeyNotFoundException($"No DAG '{dagId}'.");
        return await GetAsync(dagId, record.CurrentVersion, ct);
    }
}
