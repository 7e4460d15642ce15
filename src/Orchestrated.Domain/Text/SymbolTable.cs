using System.Text;

namespace Orchestrated.Domain.Text;

/// <summary>
/// Gives each distinct text (student hash, device, page, …) a small integer, so streams are keyed and pages counted
/// with integer comparisons instead of string hashing on every event. Texts are kept as UTF-8 bytes, as files store
/// them; a <see cref="string"/> is made only when asked for (<see cref="TextOf"/>), once per symbol.
/// </summary>
public sealed class SymbolTable
{
    public const int None = -1;
    private readonly TextArena _bytes = new();
    private long[] _handles = new long[64];
    private string?[] _strings = new string?[64];
    // The hash and where the text's bytes are sit beside the symbol: a probe reads one slot, and then the text's
    // bytes only when its hash matches — no third load through the symbol.
    private Slot[] _slots = new Slot[128];
    private int _count;

    private struct Slot
    {
        public uint Hash;    // the hash's low half: it also places the slot, so a table never needs more
        public int Symbol;   // symbol + 1; 0 is empty
        public long Handle;  // the text's bytes in the arena
    }

    public int Count => _count;

    public int Intern(ReadOnlySpan<byte> utf8)
    {
        var hash = (uint)Utf8Hash.Of(utf8);
        var mask = _slots.Length - 1;
        var slot = (int)hash & mask;
        while (_slots[slot].Symbol != 0)
        {
            ref var candidate = ref _slots[slot];
            if (candidate.Hash == hash && _bytes.Span(candidate.Handle).SequenceEqual(utf8)) return candidate.Symbol - 1;
            slot = (slot + 1) & mask;
        }
        return Add(utf8, hash, slot);
    }

    public int Intern(ReadOnlyMemory<byte>? utf8) => utf8 is null ? None : Intern(utf8.Value.Span);

    /// <summary>Interns a text given as UTF-16 (results of rules that work on strings, tests).</summary>
    public int Intern(ReadOnlySpan<char> text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var bytes = max <= 512 ? stackalloc byte[max] : new byte[max];
        return Intern(bytes[..Encoding.UTF8.GetBytes(text, bytes)]);
    }

    public int Intern(string? text) => text is null ? None : Intern(text.AsSpan());

    public int Intern(ReadOnlyMemory<char>? text) => text is null ? None : Intern(text.Value.Span);

    public ReadOnlySpan<byte> Bytes(int symbol) => _bytes.Span(_handles[symbol]);

    public string? TextOf(int symbol) =>
        symbol == None ? null : _strings[symbol] ??= Encoding.UTF8.GetString(Bytes(symbol));

    public void Clear()
    {
        _bytes.Reset();
        Array.Clear(_slots);
        Array.Clear(_strings, 0, _count);
        _count = 0;
    }

    private int Add(ReadOnlySpan<byte> utf8, uint hash, int slot)
    {
        var symbol = _count++;
        if (symbol == _handles.Length)
        {
            Array.Resize(ref _handles, symbol * 2);
            Array.Resize(ref _strings, symbol * 2);
        }
        var handle = _handles[symbol] = _bytes.Add(utf8);
        _slots[slot] = new Slot { Hash = hash, Symbol = symbol + 1, Handle = handle };
        if (_count * 2 > _slots.Length) Rehash(_slots.Length * 2);
        return symbol;
    }

    private void Rehash(int size)
    {
        var old = _slots;
        _slots = new Slot[size];
        var mask = size - 1;
        foreach (var entry in old)
        {
            if (entry.Symbol == 0) continue;
            var slot = (int)entry.Hash & mask;
            while (_slots[slot].Symbol != 0) slot = (slot + 1) & mask;
            _slots[slot] = entry;
        }
    }
}
