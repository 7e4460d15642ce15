namespace Orchestrated.Domain.Text;

/// <summary>A rule over one UTF-8 text (intern it, hash a student, normalise a device) whose result is a symbol.</summary>
public delegate int TextRule(ReadOnlySpan<byte> utf8);
