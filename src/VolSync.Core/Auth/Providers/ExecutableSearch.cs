namespace VolSync.Auth.Providers;

/// <summary>Where a command would be found on <c>PATH</c>, as a shell finds it: each folder in order, each name in order.</summary>
internal static class ExecutableSearch
{
    /// <returns>Every existing file named one of <paramref name="names"/> in the <c>PATH</c> folders, in search order.</returns>
    public static IEnumerable<FileInfo> OnPath(IReadOnlyList<string> names, Func<string, string?> environment)
    {
        foreach (var directory in (environment("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                FileInfo file;
                try
                {
                    file = new FileInfo(Path.Combine(directory.Trim('"'), name));
                    if (!file.Exists)
                    {
                        continue;
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    continue;
                }

                yield return file;
            }
        }
    }
}
