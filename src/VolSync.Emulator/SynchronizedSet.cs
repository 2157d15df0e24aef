using System.Collections;

namespace VolSync.Emulator;

/// <summary>A string set that request threads read while a test edits it.</summary>
internal sealed class SynchronizedSet : ISet<string>
{
    private readonly HashSet<string> _items = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public int Count { get { lock (_gate) { return _items.Count; } } }
    public bool IsReadOnly => false;

    public bool Add(string item) { lock (_gate) { return _items.Add(item); } }
    void ICollection<string>.Add(string item) => Add(item);
    public void Clear() { lock (_gate) { _items.Clear(); } }
    public bool Contains(string item) { lock (_gate) { return _items.Contains(item); } }
    public void CopyTo(string[] array, int arrayIndex) { lock (_gate) { _items.CopyTo(array, arrayIndex); } }
    public bool Remove(string item) { lock (_gate) { return _items.Remove(item); } }
    public string[] ToArray() { lock (_gate) { return [.. _items]; } }
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)ToArray()).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public void ExceptWith(IEnumerable<string> other) { lock (_gate) { _items.ExceptWith(other); } }
    public void IntersectWith(IEnumerable<string> other) { lock (_gate) { _items.IntersectWith(other); } }
    public bool IsProperSubsetOf(IEnumerable<string> other) { lock (_gate) { return _items.IsProperSubsetOf(other); } }
    public bool IsProperSupersetOf(IEnumerable<string> other) { lock (_gate) { return _items.IsProperSupersetOf(other); } }
    public bool IsSubsetOf(IEnumerable<string> other) { lock (_gate) { return _items.IsSubsetOf(other); } }
    public bool IsSupersetOf(IEnumerable<string> other) { lock (_gate) { return _items.IsSupersetOf(other); } }
    public bool Overlaps(IEnumerable<string> other) { lock (_gate) { return _items.Overlaps(other); } }
    public bool SetEquals(IEnumerable<string> other) { lock (_gate) { return _items.SetEquals(other); } }
    public void SymmetricExceptWith(IEnumerable<string> other) { lock (_gate) { _items.SymmetricExceptWith(other); } }
    public void UnionWith(IEnumerable<string> other) { lock (_gate) { _items.UnionWith(other); } }
}
