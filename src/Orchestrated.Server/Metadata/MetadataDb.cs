using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Orchestrated.Server.Metadata;

/// <summary>
/// The metadata database. One model, two providers: <see cref="SqliteMetadataDb"/> and <see cref="PostgresMetadataDb"/>
/// exist only so that each provider has its own migrations.
/// </summary>
public abstract class MetadataDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<DagRecord> Dags => Set<DagRecord>();
    public DbSet<DagVersionRecord> DagVersions => Set<DagVersionRecord>();
    public DbSet<DagRunRecord> Runs => Set<DagRunRecord>();
    public DbSet<TaskInstanceRecord> TaskInstances => Set<TaskInstanceRecord>();
    public DbSet<TaskTryRecord> Tries => Set<TaskTryRecord>();
    public DbSet<BackfillRecord> Backfills => Set<BackfillRecord>();
    public DbSet<AlertRecord> Alerts => Set<AlertRecord>();
    public DbSet<PartitionRecord> Partitions => Set<PartitionRecord>();
    public DbSet<LeaseRecord> Leases => Set<LeaseRecord>();
    public DbSet<LateEventRecord> LateEvents => Set<LateEventRecord>();
    public DbSet<StreamPartitionRecord> StreamPartitions => Set<StreamPartitionRecord>();

    public override Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries())
            if (entry.State == EntityState.Modified)
                switch (entry.Entity)
                {
                    case DagRunRecord run: run.Revision++; break;
                    case TaskInstanceRecord task: task.Revision++; break;
                    case TaskTryRecord attempt: attempt.Revision++; break;
                }
        return base.SaveChangesAsync(cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateTime>().HaveConversion<UtcConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcConverter>();
        // States are stored by name: a database read by people (and by SQL) should say "success", not 4.
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<DagRecord>(e =>
        {
            e.ToTable("dags");
            e.HasKey(x => x.DagId);
            e.Property(x => x.DagId).HasMaxLength(64);
        });
        model.Entity<DagVersionRecord>(e =>
        {
            e.ToTable("dag_versions");
            e.HasKey(x => new { x.DagId, x.Version });
            e.Property(x => x.DagId).HasMaxLength(64);
        });
        model.Entity<DagRunRecord>(e =>
        {
            e.ToTable("dag_runs");
            e.Property(x => x.DagId).HasMaxLength(64);
            e.Property(x => x.RunKey).HasMaxLength(128);
            e.Property(x => x.SelectedTasks).HasMaxLength(2048);
            e.HasIndex(x => new { x.DagId, x.RunKey }).IsUnique();
            e.HasIndex(x => new { x.DagId, x.LogicalDate });
            e.HasIndex(x => new { x.State, x.DagId });
            e.HasIndex(x => x.BackfillId);
            e.Property(x => x.Revision).IsConcurrencyToken();
        });
        model.Entity<TaskInstanceRecord>(e =>
        {
            e.ToTable("task_instances");
            e.HasIndex(x => new { x.RunId, x.TaskId }).IsUnique();
            e.HasIndex(x => x.State);
            e.HasIndex(x => new { x.DagId, x.LogicalDate });
            e.Property(x => x.TaskId).HasMaxLength(64);
            e.Property(x => x.DagId).HasMaxLength(64);
            e.Property(x => x.WaitingFor).HasMaxLength(1024);
            e.Property(x => x.Revision).IsConcurrencyToken();
        });
        model.Entity<TaskTryRecord>(e =>
        {
            e.ToTable("task_tries");
            e.HasIndex(x => x.TaskInstanceId);
            e.HasIndex(x => x.State);
            e.Property(x => x.Revision).IsConcurrencyToken();
        });
        model.Entity<BackfillRecord>(e =>
        {
            e.ToTable("backfills");
            e.Property(x => x.DagId).HasMaxLength(64);
            e.HasIndex(x => x.State);
        });
        model.Entity<AlertRecord>(e =>
        {
            e.ToTable("alerts");
            e.Property(x => x.DedupeKey).HasMaxLength(256);
            e.HasIndex(x => x.DedupeKey).IsUnique();
            e.HasIndex(x => x.CreatedAt);
        });
        model.Entity<PartitionRecord>(e =>
        {
            e.ToTable("partitions");
            e.HasKey(x => new { x.Dataset, x.Date });
            e.Property(x => x.Dataset).HasMaxLength(64);
            e.HasIndex(x => x.ObjectKey);
        });
        model.Entity<LeaseRecord>(e =>
        {
            e.ToTable("leases");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(64);
        });
        model.Entity<LateEventRecord>(e =>
        {
            e.ToTable("late_events");
            e.HasKey(x => new { x.FileKey, x.Arrival });
            e.Property(x => x.FileKey).HasMaxLength(512);
            e.HasIndex(x => x.Date);
            e.HasIndex(x => x.Arrival);
        });
        model.Entity<StreamPartitionRecord>(e =>
        {
            e.ToTable("stream_partitions");
            e.HasKey(x => x.Partition);
            e.Property(x => x.Partition).ValueGeneratedNever();
        });
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
