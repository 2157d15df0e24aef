using System.Buffers.Text;
using System.Globalization;
using System.Text;
using VolSync.Emulator.Errors;

namespace VolSync.Emulator.Storage;

/// <summary>
/// Directory listings paged from one sorted snapshot: the first page enumerates (and stats) the folder once, later
/// pages are slices of that snapshot, so listing n entries costs O(n log n) however many pages it takes (it used to
/// re-enumerate and re-sort the whole folder for every page). The page token names the snapshot, the offset and the
/// last name served; when the snapshot has been evicted the listing resumes after that name from a fresh scan, so a
/// token never goes stale.
/// </summary>
internal sealed class ListingSnapshots
{
    /// <summary>Snapshots kept for listings still in progress; the oldest is evicted first.</summary>
    internal const int MaxSnapshots = 16;

    /// <summary>A listing not continued for this long is forgotten (its token still works, from a fresh scan).</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private const string TokenPrefix = "s1:";

    private readonly object _gate = new();
    private readonly Dictionary<string, Snapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private int _scans;

    public ListingSnapshots(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>How many times a folder was enumerated (one per listing, not per page).</summary>
    public int Scans => Volatile.Read(ref _scans);

    /// <summary>One page of <paramref name="directory"/> (which must exist); entries as <paramref name="path"/>'s children.</summary>
    public (IReadOnlyList<DirectoryEntry> Entries, string? NextPageToken) Page(VolumePath path, DirectoryInfo directory, int pageSize, string? pageToken)
    {
        var (snapshot, offset) = pageToken is { Length: > 0 } ? Resume(directory, pageToken) : (Scan(directory), 0);
        var end = Math.Min(snapshot.Entries.Length, offset + pageSize);
        var page = new List<DirectoryEntry>(end - offset);
        for (var i = offset; i < end; i++)
        {
            var e = snapshot.Entries[i];
            page.Add(new DirectoryEntry(path.Child(e.Name), e.Name, e.IsDirectory, e.IsDirectory ? null : e.Size, e.IsDirectory ? null : e.LastModifiedMs));
        }

        lock (_gate)
        {
            if (end < snapshot.Entries.Length)
            {
                snapshot.LastUsed = _time.GetUtcNow();
                _snapshots[snapshot.Id] = snapshot;
                Evict();
                return (page, EncodeToken(snapshot.Id, end, page[^1].Name));
            }

            _snapshots.Remove(snapshot.Id);
            return (page, null);
        }
    }

    private (Snapshot Snapshot, int Offset) Resume(DirectoryInfo directory, string token)
    {
        var (id, offset, lastName) = DecodeToken(token);
        lock (_gate)
        {
            if (_snapshots.TryGetValue(id, out var kept)
                && string.Equals(kept.Directory, directory.FullName, StringComparison.Ordinal)
                && offset <= kept.Entries.Length
                && string.Equals(kept.Entries[offset - 1].Name, lastName, StringComparison.Ordinal))
            {
                return (kept, offset);
            }
        }

        // Evicted or expired: continue after the last name served, from the folder as it is now.
        var fresh = Scan(directory);
        var lo = 0;
        var hi = fresh.Entries.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(fresh.Entries[mid].Name, lastName) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return (fresh, lo);
    }

    private Snapshot Scan(DirectoryInfo directory)
    {
        Interlocked.Increment(ref _scans);
        var entries = new List<Entry>();
        foreach (var child in directory.EnumerateFileSystemInfos())
        {
            if (VolumeFileStore.IsHidden(child.Name))
            {
                continue;
            }

            entries.Add(child is FileInfo file
                ? new Entry(file.Name, false, file.Length, new DateTimeOffset(file.LastWriteTimeUtc).ToUnixTimeMilliseconds())
                : new Entry(child.Name, true, 0, 0));
        }

        var sorted = entries.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new Snapshot(Guid.NewGuid().ToString("N"), directory.FullName, sorted) { LastUsed = _time.GetUtcNow() };
    }

    private void Evict()
    {
        var now = _time.GetUtcNow();
        foreach (var expired in _snapshots.Values.Where(s => now - s.LastUsed > Lifetime).Select(s => s.Id).ToList())
        {
            _snapshots.Remove(expired);
        }

        while (_snapshots.Count > MaxSnapshots)
        {
            _snapshots.Remove(_snapshots.Values.MinBy(s => s.LastUsed)!.Id);
        }
    }

    private static string EncodeToken(string id, int offset, string lastName) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{TokenPrefix}{id}:{offset}:{lastName}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (string Id, int Offset, string LastName) DecodeToken(string token)
    {
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(base64.Length)];
        if (!Convert.TryFromBase64String(base64, bytes, out var count))
        {
            throw InvalidToken(token);
        }

        var text = Encoding.UTF8.GetString(bytes, 0, count);
        var parts = text.StartsWith(TokenPrefix, StringComparison.Ordinal) ? text[TokenPrefix.Length..].Split(':', 3) : [];
        return parts.Length == 3
            && parts[0].Length > 0
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            && offset > 0
            && parts[2].Length > 0
            ? (parts[0], offset, parts[2])
            : throw InvalidToken(token);
    }

    private static ApiError InvalidToken(string token) =>
        ApiError.InvalidParameter($"Invalid page_token '{token}'.", "FILES_API_INVALID_PAGE_TOKEN");

    private readonly record struct Entry(string Name, bool IsDirectory, long Size, long LastModifiedMs);

    private sealed record Snapshot(string Id, string Directory, Entry[] Entries)
    {
        public DateTimeOffset LastUsed { get; set; }
    }
}
