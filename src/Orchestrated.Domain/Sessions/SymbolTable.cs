using Orchestrated.Domain.Cleaning;

namespace Orchestrated.Domain.Sessions;

/// <summary>
/// Gives each distinct text (student hash, device, page, …) a small integer, so streams are keyed and pages
/// counted with integer comparisons instead of string hashing on every event.
/// </summary>
public sealed class SymbolTable
{
    public const int None = -1;
    private readonly Dictionary<ReadOnlyMemory<char>, int> _ids = new(CharMemoryComparer.Instance);
    private readonly List<string> _texts = [];

    public int Count => _texts.Count;

    public int Intern(ReadOnlyMemory<char>? value) => value is null ? None : Intern(value.Value);

    public int Intern(ReadOnlyMemory<char> value)
    {
        if (_ids.TryGetValue(value, out var id)) return id;
        var text = value.ToString();
        id = _texts.Count;
        _texts.Add(text);
        _ids[text.AsMemory()] = id;
        return id;
    }

    public int Intern(string? value) => value is null ? None : Intern(value.AsMemory());

    public string? TextOf(int id) => id == None ? null : _texts[id];

    public void Clear()
    {
        _ids.Clear();
        _texts.Clear();
    }
}
