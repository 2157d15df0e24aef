using System.Collections;
using VolSync.Planning;

namespace VolSync;

/// <summary>
/// <see cref="SyncResult.Files"/> of a run, kept compact: one small slot per file pointing at the state the run holds
/// anyway (the planned file, its hash and its local file), with each <see cref="SyncFileResult"/> built when it is
/// read. A 200 000-file result would otherwise hold its full local and remote paths and hex hashes twice over.
/// Failures carry their own record.
/// </summary>
internal sealed class FileResultList : IReadOnlyList<SyncFileResult>
{
    private readonly List<Slot> _slots;

    private FileResultList(List<Slot> slots) => _slots = slots;

    public int Count => _slots.Count;

    public SyncFileResult this[int index] => _slots[index].ToResult();

    public static SyncFileResult ToResult(PlannedFile planned, FileOutcome outcome, string? error = null, string? code = null) =>
        new(planned.Source.File.FullPath, planned.Source.File.RelativePath, planned.RemotePath, planned.Source.Size, planned.Source.Sha256, outcome, error, code);

    public int CountOf(FileOutcome outcome) => _slots.Count(s => s.Outcome == outcome);

    public long BytesOf(FileOutcome outcome) => _slots.Where(s => s.Outcome == outcome).Sum(s => s.Size);

    public IEnumerator<SyncFileResult> GetEnumerator()
    {
        foreach (var slot in _slots)
        {
            yield return slot.ToResult();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The files as a release lists them (relative path, remote path under <paramref name="remoteRoot"/>, hash, size), in
    /// path order, each made as it is enumerated: a manifest of every file costs no memory beside the results.
    /// </summary>
    public Func<IEnumerable<Releases.ReleaseFile>> ReleaseFiles(string remoteRoot) => () => EnumerateReleaseFiles(remoteRoot.Length + 1);

    private IEnumerable<Releases.ReleaseFile> EnumerateReleaseFiles(int rootPrefix)
    {
        foreach (var slot in _slots)
        {
            if (slot.Item is PlannedFile planned)
            {
                yield return new Releases.ReleaseFile(planned.Source.File.RelativePath, planned.RemotePath[rootPrefix..], planned.Source.Sha256, planned.Source.Size);
            }
            else
            {
                var result = (SyncFileResult)slot.Item;
                yield return new Releases.ReleaseFile(result.RelativePath, result.RemotePath[rootPrefix..], result.Sha256, result.Size);
            }
        }
    }

    /// <summary>Collects the outcomes of a run; <see cref="Build"/> sorts them by relative path.</summary>
    internal sealed class Builder
    {
        private readonly List<Slot> _slots;

        public Builder(int capacity) => _slots = new List<Slot>(capacity);

        public void Add(PlannedFile planned, FileOutcome outcome, Remote.UploadRoute? route = null) => _slots.Add(new Slot(planned, outcome, route));

        public void Add(SyncFileResult result) => _slots.Add(new Slot(result, result.Outcome, null));

        /// <summary>The list, sorted in place (a builder builds once).</summary>
        public FileResultList Build()
        {
            _slots.Sort(static (a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
            return new FileResultList(_slots);
        }
    }

    /// <summary>
    /// A <see cref="PlannedFile"/> with its outcome and route (one shared instance for every single PUT), or a
    /// failure's own <see cref="SyncFileResult"/>.
    /// </summary>
    private readonly record struct Slot(object Item, FileOutcome Outcome, Remote.UploadRoute? Route)
    {
        public string RelativePath => Item is PlannedFile p ? p.Source.File.RelativePath : ((SyncFileResult)Item).RelativePath;

        public long Size => Item is PlannedFile p ? p.Source.Size : ((SyncFileResult)Item).Size;

        public SyncFileResult ToResult() => Item as SyncFileResult ?? (Route is null ? FileResultList.ToResult((PlannedFile)Item, Outcome) : FileResultList.ToResult((PlannedFile)Item, Outcome) with { Route = Route });
    }
}
