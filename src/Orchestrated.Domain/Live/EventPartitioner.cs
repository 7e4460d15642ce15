using System.Text;
using Orchestrated.Domain.Text;

namespace Orchestrated.Domain.Live;

/// <summary>
/// Which stream partition a student's events go to. One student's events must stay in one partition, in order, so
/// their sessions can be built from that partition alone. The hash is keyed with a fixed key — unlike the in-memory
/// tables' per-process key, every collector and every stream worker, on every machine and every restart, must agree —
/// over the id as the cleaning rules see it (trimmed), so " S1 " and "S1" are one student in one partition.
/// </summary>
public sealed class EventPartitioner
{
    private const ulong K0 = 0x4f72636865737472, K1 = 0x617465642d6c6976; // "Orchestr", "ated-liv"
    public const int MaxPartitions = 256;

    public EventPartitioner(int partitions)
    {
        if (partitions is < 1 or > MaxPartitions)
            throw new ArgumentOutOfRangeException(nameof(partitions), partitions, $"between 1 and {MaxPartitions} partitions");
        Partitions = partitions;
    }

    public int Partitions { get; }

    public int Of(ReadOnlySpan<byte> studentId)
    {
        var trimmed = studentId.Trim(" \t\r\n"u8);
        return (int)(SipHash.Hash13(trimmed, K0, K1) % (ulong)Partitions);
    }

    public int Of(string studentId) => Of(Encoding.UTF8.GetBytes(studentId));
}
