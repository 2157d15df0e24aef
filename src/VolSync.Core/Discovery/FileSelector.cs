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
    private static readonly bool IgnoreCase = !OperatingSystem.IsLinux();
    private static readonly StringComparer PathComparer = IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private readonly Matcher? _includeMatcher;
    private readonly Matcher? _excludeMatcher;
    private readonly Regex[] _includeRegexes;
    private readonly Regex[] _excludeRegexes;

    public FileSelector(IEnumerable<string>? includePatterns, IEnumerable<string>? excludePatterns)
    {
        var includes = (includePatterns ?? []).Select(GlobPattern.Normalize).ToList();
        if (includes.Count == 0)
        {
            includes.Add("**/*");
        }

        var excludes = (excludePatterns ?? []).Select(GlobPattern.Normalize).ToList();
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
    /// entries that could not be read.
    /// </summary>
    public DiscoveryResult Discover(string root, CancellationToken cancellationToken = default)
    {
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root))
        {
            throw DiagnosticCodes.LocalPathNotFound.ToException(nameof(SyncConfig.LocalPath), root);
        }

        var candidates = new Dictionary<string, string>(StringComparer.Ordinal);
        var failures = new List<DiscoveryFailure>();
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
            List<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(directory).EnumerateFileSystemInfos("*", options).ToList();
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                // A folder the patterns exclude anyway is not worth a failure.
                if (!IsExcluded(relativeDirectory + "/x"))
                {
                    failures.Add(new DiscoveryFailure(directory, relativeDirectory, DiagnosticCodes.DirectoryUnreadable.Code, DiagnosticCodes.DirectoryUnreadable.Format(directory, ex.Message)));
                }

                continue;
            }

            foreach (var entry in entries)
            {
                var relative = relativeDirectory.Length == 0 ? entry.Name : relativeDirectory + "/" + entry.Name;
                var isLink = entry.LinkTarget is not null || entry.Attributes.HasFlag(FileAttributes.ReparsePoint);
                if (entry is DirectoryInfo || (isLink && Directory.Exists(entry.FullName)))
                {
                    if (!isLink)
                    {
                        pending.Push((entry.FullName, relative));
                    }

                    continue;
                }

                candidates[relative] = entry.FullName;
            }
        }

        var files = new List<LocalFile>();
        foreach (var relative in Filter(candidates.Keys))
        {
            var fullPath = candidates[relative];
            try
            {
                var info = new FileInfo(fullPath);
                if (info.LinkTarget is not null)
                {
                    if (info.ResolveLinkTarget(returnFinalTarget: true) is not FileInfo { Exists: true } target)
                    {
                        failures.Add(new DiscoveryFailure(fullPath, relative, DiagnosticCodes.SymlinkTargetMissing.Code, DiagnosticCodes.SymlinkTargetMissing.Format(fullPath)));
                        continue;
                    }

                    info = target;
                }

                files.Add(new LocalFile(fullPath, relative, info.Length, info.LastWriteTimeUtc.Ticks));
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                failures.Add(new DiscoveryFailure(fullPath, relative, DiagnosticCodes.FileUnreadable.Code, DiagnosticCodes.FileUnreadable.Format(fullPath, ex.Message)));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        failures.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return new DiscoveryResult(files, failures);
    }

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
