using System.IO.Enumeration;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileSystemGlobbing;
using VolSync.Diagnostics;

namespace VolSync.Discovery;

/// <summary>
/// Selects the files of a local folder (SPEC §2): include patterns (default every file), exclude patterns that
/// always win, case-sensitive on Linux. Walks the tree itself so symbolic links to folders are never followed
/// (no loops) while symbolic links to files are selected with their target's size and time.
/// </summary>
internal sealed class FileSelector
{
    /// <summary>
    /// Candidates are matched and looked at in batches of this many, so the matcher's working set stays small however
    /// large the tree (matching one path does not depend on the others).
    /// </summary>
    internal const int FilterBatchSize = 4096;

    private static readonly bool IgnoreCase = !OperatingSystem.IsLinux();
    private static readonly StringComparer PathComparer = IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Matcher? _includeMatcher;
    private readonly Matcher? _excludeMatcher;
    private readonly Regex[] _includeRegexes;
    private readonly Regex[] _excludeRegexes;
    private readonly bool _selectsEverything;

    public FileSelector(IEnumerable<string>? includePatterns, IEnumerable<string>? excludePatterns)
    {
        var includes = (includePatterns ?? []).Select(GlobPattern.Normalize).ToList();
        if (includes.Count == 0)
        {
            includes.Add("**/*");
        }

        var excludes = (excludePatterns ?? []).Select(GlobPattern.Normalize).ToList();
        _selectsEverything = excludes.Count == 0 && includes.Contains("**/*");
        (_includeMatcher, _includeRegexes) = Build(includes);
        (_excludeMatcher, _excludeRegexes) = Build(excludes);
    }

    /// <summary>Keeps the relative paths (<c>/</c> separated) the patterns select, in their given order.</summary>
    public IReadOnlyList<string> Filter(IReadOnlyCollection<string> relativePaths)
    {
        var included = Matches(_includeMatcher, _includeRegexes, relativePaths);
        var excluded = Matches(_excludeMatcher, _excludeRegexes, relativePaths);
        return relativePaths.Where(p => included.Contains(p) && !excluded.Contains(p)).ToList();
    }

    public bool IsSelected(string relativePath) => Filter([relativePath]).Count == 1;

    /// <summary>
    /// The selected files under <paramref name="root"/> (which must exist), in ordinal relative-path order, and the
    /// entries that could not be read. Every entry the walk sees is one or the other: a name that is not valid UTF-8
    /// (which .NET decodes lossily, so two such names can read alike and neither opens) is a failure of its own.
    /// </summary>
    public DiscoveryResult Discover(string root, CancellationToken cancellationToken = default)
    {
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!Directory.Exists(root))
        {
            throw DiagnosticCodes.LocalPathNotFound.ToException(nameof(SyncConfig.LocalPath), root);
        }

        var files = new List<LocalFile>();
        var failures = new List<DiscoveryFailure>();
        var batch = new List<Candidate>(FilterBatchSize);
        var pending = new Stack<(string FullPath, string RelativePath)>();
        pending.Push((root, string.Empty));
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = false,
            IgnoreInaccessible = false,
            AttributesToSkip = 0,
            ReturnSpecialDirectories = false,
        };

        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (directory, relativeDirectory) = pending.Pop();
            try
            {
                foreach (var entry in new FileSystemEnumerable<Entry>(directory, ToEntry, options))
                {
                    var relative = relativeDirectory.Length == 0 ? entry.Name : relativeDirectory + "/" + entry.Name;
                    switch (entry.Kind)
                    {
                        case EntryKind.UnrepresentableFolder:
                            // Its files cannot be listed through a name that does not exist.
                            if (!IsExcluded(relative + "/x"))
                            {
                                failures.Add(NotRepresentable("folder", directory, relative));
                            }

                            continue;
                        case EntryKind.Folder:
                            pending.Push((LocalFile.PathOf(root, relative), relative));
                            continue;
                        case EntryKind.Link when IsLinkToFolder(LocalFile.PathOf(root, relative)):
                            // Never followed: no loops.
                            continue;
                    }

                    batch.Add(new Candidate(relative, entry));
                    if (batch.Count == FilterBatchSize)
                    {
                        SelectBatch(root, batch, files, failures);
                    }
                }
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                // A folder the patterns exclude anyway is not worth a failure.
                if (!IsExcluded(relativeDirectory + "/x"))
                {
                    failures.Add(new DiscoveryFailure(directory, relativeDirectory, DiagnosticCodes.DirectoryUnreadable.Code, DiagnosticCodes.DirectoryUnreadable.Format(directory, ex.Message)));
                }
            }
        }

        SelectBatch(root, batch, files, failures);
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        failures.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return new DiscoveryResult(files, failures);
    }

    private void SelectBatch(string root, List<Candidate> batch, List<LocalFile> files, List<DiscoveryFailure> failures)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var selected = _selectsEverything ? null : new HashSet<string>(Filter(batch.Select(c => c.RelativePath).Distinct(StringComparer.Ordinal).ToList()), StringComparer.Ordinal);
        foreach (var (relative, entry) in batch)
        {
            if (selected is not null && !selected.Contains(relative))
            {
                continue;
            }

            var fullPath = LocalFile.PathOf(root, relative);
            if (entry.Kind == EntryKind.UnrepresentableFile)
            {
                failures.Add(NotRepresentable("file", Path.GetDirectoryName(fullPath)!, relative));
                continue;
            }

            try
            {
                var (size, lastWrite) = (entry.Size, entry.LastWriteUtcTicks);
                if (entry.Kind == EntryKind.Link)
                {
                    if (new FileInfo(fullPath).ResolveLinkTarget(returnFinalTarget: true) is not FileInfo { Exists: true } target)
                    {
                        failures.Add(new DiscoveryFailure(fullPath, relative, DiagnosticCodes.SymlinkTargetMissing.Code, DiagnosticCodes.SymlinkTargetMissing.Format(fullPath)));
                        continue;
                    }

                    (size, lastWrite) = (target.Length, target.LastWriteTimeUtc.Ticks);
                }
                else if (entry.Kind == EntryKind.Unreadable)
                {
                    var info = new FileInfo(fullPath);
                    (size, lastWrite) = (info.Length, info.LastWriteTimeUtc.Ticks);
                }

                // Taken after size and time: a change in between shows as a stamp that later runs will not match.
                files.Add(new LocalFile(root, relative, size, lastWrite, NativeFileStatus.Read(fullPath, size, lastWrite)));
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                failures.Add(new DiscoveryFailure(fullPath, relative, DiagnosticCodes.FileUnreadable.Code, DiagnosticCodes.FileUnreadable.Format(fullPath, ex.Message)));
            }
        }

        batch.Clear();
    }

    /// <summary>
    /// What the walk needs of a directory entry, taken from the enumeration itself: no FileInfo per entry, and for a
    /// plain file no second stat. Never throws (a throw would end the folder's enumeration).
    /// </summary>
    private static Entry ToEntry(ref FileSystemEntry entry)
    {
        var name = entry.FileName.ToString();
        try
        {
            if (!IsRepresentable(name, ref entry))
            {
                return new Entry(name, entry.IsDirectory ? EntryKind.UnrepresentableFolder : EntryKind.UnrepresentableFile, 0, 0);
            }

            if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                return new Entry(name, EntryKind.Link, 0, 0);
            }

            return entry.IsDirectory
                ? new Entry(name, EntryKind.Folder, 0, 0)
                : new Entry(name, EntryKind.File, entry.Length, entry.LastWriteTimeUtc.UtcTicks);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Entry(name, EntryKind.Unreadable, 0, 0);
        }
    }

    private static bool IsLinkToFolder(string fullPath)
    {
        try
        {
            return Directory.Exists(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// False for a name the OS gave in bytes that are not UTF-8: .NET decodes them with U+FFFD, a name that then
    /// does not exist (checked without following links, so a dangling link still counts as existing). On Windows, a
    /// name with an unpaired surrogate opens locally but has no UTF-8 form for its remote name.
    /// </summary>
    private static bool IsRepresentable(string name, ref FileSystemEntry entry)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                StrictUtf8.GetByteCount(name);
                return true;
            }
            catch (EncoderFallbackException)
            {
                return false;
            }
        }

        if (!name.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            File.GetAttributes(entry.ToFullPath());
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // It exists but cannot be looked at: reading it will say so.
            return true;
        }
    }

    private static DiscoveryFailure NotRepresentable(string kind, string directory, string relative) =>
        new(Path.Join(directory, relative[(relative.LastIndexOf('/') + 1)..]), relative, DiagnosticCodes.NameNotRepresentable.Code, DiagnosticCodes.NameNotRepresentable.Format(kind, directory, relative[(relative.LastIndexOf('/') + 1)..]));

    private enum EntryKind
    {
        File,
        Folder,
        Link,
        Unreadable,
        UnrepresentableFile,
        UnrepresentableFolder,
    }

    private readonly record struct Entry(string Name, EntryKind Kind, long Size, long LastWriteUtcTicks);

    private readonly record struct Candidate(string RelativePath, Entry Entry);

    private bool IsExcluded(string relativePath) => Matches(_excludeMatcher, _excludeRegexes, [relativePath]).Count == 1;

    private static (Matcher? Matcher, Regex[] Regexes) Build(List<string> globs)
    {
        Matcher? matcher = null;
        var regexes = new List<Regex>();
        foreach (var glob in globs)
        {
            if (glob.Contains('?'))
            {
                regexes.Add(GlobPattern.ToRegex(glob, IgnoreCase));
                continue;
            }

            matcher ??= new Matcher(IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
            matcher.AddInclude(glob);
        }

        return (matcher, regexes.ToArray());
    }

    private static HashSet<string> Matches(Matcher? matcher, Regex[] regexes, IReadOnlyCollection<string> relativePaths)
    {
        var matched = new HashSet<string>(PathComparer);
        if (matcher is not null && relativePaths.Count > 0)
        {
            // The matcher only needs a root to anchor relative paths; nothing is read from disk.
            var anchor = OperatingSystem.IsWindows() ? @"C:\volsync-match" : "/volsync-match";
            // Absolute paths under the anchor: FileSystemGlobbing 8.0 matches no relative paths here, later versions both.
            var separator = OperatingSystem.IsWindows() ? '\\' : '/';
            var absolute = relativePaths.Select(p => anchor + separator + (OperatingSystem.IsWindows() ? p.Replace('/', '\\') : p));
            foreach (var match in matcher.Match(anchor, absolute).Files)
            {
                matched.Add(OperatingSystem.IsWindows() ? match.Path.Replace('\\', '/') : match.Path);
            }
        }

        if (regexes.Length > 0)
        {
            foreach (var path in relativePaths)
            {
                if (regexes.Any(r => r.IsMatch(path)))
                {
                    matched.Add(path);
                }
            }
        }

        return matched;
    }
}
