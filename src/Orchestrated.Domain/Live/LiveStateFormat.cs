using System.Text;

namespace Orchestrated.Domain.Live;

/// <summary>
/// <see cref="LiveState"/> as bytes: a version, then each part with its count. A reader refuses another version or a
/// damaged length with <see cref="InvalidDataException"/> (its owner then reads the stream from the start instead).
/// </summary>
public static class LiveStateFormat
{
    private const int Version = 1;
    private const int MaxCount = 100_000_000;

    public static void Write(BinaryWriter w, LiveState state)
    {
        w.Write(Version);
        w.Write(state.Watermark);
        w.Write(state.LatestEvent);
        w.Write(state.LastArrival);
        w.Write(state.LateEvents);
        w.Write(state.Duplicates);
        w.Write(state.SeenIds.Count);
        foreach (var (date, ids) in state.SeenIds)
        {
            w.Write(date.DayNumber);
            w.Write(ids.Count);
            foreach (var id in ids) Bytes(w, id);
        }
        w.Write(state.Held.Count);
        foreach (var h in state.Held)
        {
            w.Write(h.Student);
            Text(w, h.Device);
            Text(w, h.Browser);
            Text(w, h.Network);
            w.Write(h.Ts);
            Text(w, h.Page);
            Number(w, h.TimeSpentSec);
            Bytes(w, h.EventId);
        }
        w.Write(state.Open.Count);
        foreach (var o in state.Open)
        {
            w.Write(o.Student);
            Text(w, o.KeyDevice);
            Text(w, o.KeyBrowser);
            Text(w, o.KeyNetwork);
            Text(w, o.Device);
            w.Write(o.Start);
            w.Write(o.Last);
            w.Write(o.EventCount);
            w.Write(o.DistinctTimestamps);
            w.Write(o.ActiveTimeSec);
            w.Write(o.StartedByCap);
            w.Write(o.StartCertain);
            w.Write(o.Pages.Count);
            foreach (var page in o.Pages) w.Write(page);
        }
    }

    public static LiveState Read(BinaryReader r)
    {
        if (r.ReadInt32() is var version && version != Version)
            throw new InvalidDataException($"a stream checkpoint of version {version}; this build reads version {Version}");
        var (watermark, latest, arrival, late, duplicates) = (r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        var seen = Many(r, () =>
        {
            var date = DateOnly.FromDayNumber(r.ReadInt32());
            return (date, (IReadOnlyList<byte[]>)Many(r, () => Bytes(r)!));
        });
        var held = Many(r, () => new HeldEvent(r.ReadString(), Text(r), Text(r), Text(r), r.ReadInt64(), Text(r), Number(r), Bytes(r)));
        var open = Many(r, () => new OpenSessionState(r.ReadString(), Text(r), Text(r), Text(r), Text(r), r.ReadInt64(), r.ReadInt64(),
            r.ReadInt32(), r.ReadInt32(), r.ReadDouble(), r.ReadBoolean(), r.ReadBoolean(), Many(r, r.ReadString)));
        return new LiveState(watermark, latest, arrival, late, duplicates, seen, held, open);
    }

    private static List<T> Many<T>(BinaryReader r, Func<T> one)
    {
        var count = r.ReadInt32();
        if (count is < 0 or > MaxCount) throw new InvalidDataException($"a stream checkpoint claims {count} items");
        var items = new List<T>(Math.Min(count, 1 << 16));
        for (var i = 0; i < count; i++) items.Add(one());
        return items;
    }

    private static void Text(BinaryWriter w, string? text)
    {
        w.Write(text is not null);
        if (text is not null) w.Write(text);
    }

    private static string? Text(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void Number(BinaryWriter w, double? value)
    {
        w.Write(value.HasValue);
        if (value is { } v) w.Write(v);
    }

    private static double? Number(BinaryReader r) => r.ReadBoolean() ? r.ReadDouble() : null;

    private static void Bytes(BinaryWriter w, byte[]? bytes)
    {
        w.Write(bytes?.Length ?? -1);
        if (bytes is not null) w.Write(bytes);
    }

    private static byte[]? Bytes(BinaryReader r)
    {
        var length = r.ReadInt32();
        if (length < -1 || length > 1 << 24) throw new InvalidDataException($"a stream checkpoint claims an id of {length} bytes");
        return length < 0 ? null : r.ReadBytes(length);
    }

    /// <summary>The UTF-8 encoding a <see cref="BinaryWriter"/> is made with here.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(false, throwOnInvalidBytes: true);
}
