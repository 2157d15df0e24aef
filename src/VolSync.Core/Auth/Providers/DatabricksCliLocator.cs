using System.Runtime.InteropServices;

namespace VolSync.Auth.Providers;

/// <summary>
/// Finds the new (Go) databricks CLI: <c>DATABRICKS_CLI_PATH</c>, else <c>databricks</c> on PATH. Files under
/// 1 MiB are skipped, as the SDKs do: that is the legacy Python CLI's launcher script, which has no
/// <c>auth token</c> command.
/// </summary>
internal static class DatabricksCliLocator
{
    internal const long MinimumSize = 1024 * 1024;

    /// <returns>The executable's full path, or null; <paramref name="lookedAt"/> says what was tried, for messages.</returns>
    public static string? Find(string? configuredPath, Func<string, string?> environment, out string lookedAt)
    {
        var names = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? new[] { "databricks.exe", "databricks" } : ["databricks"];
        IEnumerable<FileInfo> candidates;
        if (!string.IsNullOrWhiteSpace(configuredPath) && (Path.IsPathRooted(configuredPath) || configuredPath.Contains(Path.DirectorySeparatorChar) || configuredPath.Contains('/')))
        {
            FileInfo? file = null;
            try
            {
                file = new FileInfo(Path.GetFullPath(configuredPath));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
            }

            candidates = file is { Exists: true } ? [file] : [];
        }
        else
        {
            candidates = ExecutableSearch.OnPath(string.IsNullOrWhiteSpace(configuredPath) ? names : [configuredPath], environment);
        }

        var skipped = new List<string>();
        foreach (var file in candidates)
        {
            if (file.Length < MinimumSize)
            {
                skipped.Add(file.FullName);
                continue;
            }

            lookedAt = $"found at {file.FullName}";
            return file.FullName;
        }

        var where = string.IsNullOrWhiteSpace(configuredPath) ? "'databricks' not on PATH" : $"'{configuredPath}' (DATABRICKS_CLI_PATH) not found";
        lookedAt = skipped.Count == 0 ? where : $"{where}; skipped the legacy CLI (under 1 MiB) at {string.Join(", ", skipped)}";
        return null;
    }
}
