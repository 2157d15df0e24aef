namespace VolSync.Auth.Configuration;

/// <summary>One section of <c>~/.databrickscfg</c>. Keys are case-insensitive; values may be secrets, so
/// <see cref="ToString"/> shows only the key names.</summary>
internal sealed class ConfigProfile
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public ConfigProfile(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public bool IsEmpty => _values.Count == 0;

    public IEnumerable<string> Keys => _values.Keys;

    public string? this[string key] => _values.TryGetValue(key, out var value) ? value : null;

    // A repeated key in a section: the last one wins, as in the SDKs' INI readers.
    internal void Set(string key, string value) => _values[key] = value;

    public override string ToString() => $"[{Name}] keys: {string.Join(", ", _values.Keys)}";
}
