using VolSync.Diagnostics;

namespace VolSync;

/// <summary>
/// Where a sync lands: a Unity Catalog volume and an optional sub-path under it. The one place that turns the
/// user's spelling (<c>/Volumes/c/s/v/sub</c>, or catalog/schema/volume plus a sub-path) into remote paths.
/// </summary>
public sealed record VolumeLocation
{
    private const string DbfsScheme = "dbfs:";

    private VolumeLocation(string catalog, string schema, string volume, string subPath)
    {
        Catalog = catalog;
        Schema = schema;
        Volume = volume;
        SubPath = subPath;
    }

    public string Catalog { get; }

    public string Schema { get; }

    public string Volume { get; }

    /// <summary>The sub-path under the volume with <c>/</c> separators and no leading or trailing slash; empty for the volume root.</summary>
    public string SubPath { get; }

    /// <summary><c>/Volumes/catalog/schema/volume</c>.</summary>
    public string VolumeRoot => $"/Volumes/{Catalog}/{Schema}/{Volume}";

    /// <summary>The volume root plus the sub-path: the directory local files are synced under.</summary>
    public string RemoteRoot => SubPath.Length == 0 ? VolumeRoot : $"{VolumeRoot}/{SubPath}";

    /// <summary><c>catalog.schema.volume</c>, as the Unity Catalog API names it.</summary>
    public string FullName => $"{Catalog}.{Schema}.{Volume}";

    /// <summary>The absolute remote path of a local file's relative path (<c>/</c> separated) under <see cref="RemoteRoot"/>.</summary>
    public string Combine(string relativePath) => relativePath.Length == 0 ? RemoteRoot : $"{RemoteRoot}/{relativePath.TrimStart('/')}";

    public static VolumeLocation From(SyncConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Target;
    }

    /// <summary>
    /// Resolves and validates the target. A whole <paramref name="volumePath"/> (<c>/Volumes/c/s/v</c>, or with the
    /// <c>dbfs:</c> scheme) may carry a sub-path; an explicit
    /// <paramref name="remotePath"/> is appended to it. Catalog/schema/volume given beside a volume path must agree.
    /// Throws a <see cref="VolSyncException"/> carrying every problem found.
    /// </summary>
    public static VolumeLocation Resolve(string? volumePath, string? catalog, string? schema, string? volume, string? remotePath = null, SettingNames? names = null)
    {
        var problems = new List<Diagnostic>();
        return TryResolve(volumePath, catalog, schema, volume, remotePath, names ?? SettingNames.Library, problems) ?? throw new VolSyncException(problems);
    }

    /// <summary>The location, or null with every reason added to <paramref name="problems"/> (named as <paramref name="names"/> spells the settings).</summary>
    public static VolumeLocation? TryResolve(string? volumePath, string? catalog, string? schema, string? volume, string? remotePath, SettingNames names, ICollection<Diagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(problems);
        // Surrounding whitespace (an MSBuild property spread over lines, a pasted name) is never part of a name.
        (catalog, schema, volume, remotePath) = (catalog?.Trim(), schema?.Trim(), volume?.Trim(), remotePath?.Trim());
        var before = problems.Count;
        string? fromPathSub = null;
        if (!string.IsNullOrWhiteSpace(volumePath))
        {
            var parts = WithoutDbfsScheme(volumePath.Trim()).TrimEnd('/').Split('/');
            // "", "Volumes", c, s, v, sub... An empty or blank name (/Volumes//s/v) is a malformed path, not a missing setting.
            if (parts.Length < 5 || parts[0].Length != 0 || !string.Equals(parts[1], "Volumes", StringComparison.Ordinal) ||
                parts.Skip(2).Take(3).Any(string.IsNullOrWhiteSpace))
            {
                problems.Add(DiagnosticCodes.VolumePathInvalid.Create(names.VolumePath, volumePath));
                return null;
            }

            CheckAgrees(volumePath, "catalog", names.Catalog, parts[2], catalog, names, problems);
            CheckAgrees(volumePath, "schema", names.Schema, parts[3], schema, names, problems);
            CheckAgrees(volumePath, "volume", names.Volume, parts[4], volume, names, problems);
            catalog = parts[2];
            schema = parts[3];
            volume = parts[4];
            fromPathSub = string.Join('/', parts.Skip(5));
        }

        if (string.IsNullOrWhiteSpace(catalog) || string.IsNullOrWhiteSpace(schema) || string.IsNullOrWhiteSpace(volume))
        {
            problems.Add(DiagnosticCodes.VolumeNotSpecified.Create(names.VolumePath, names.Catalog, names.Schema, names.Volume));
            return null;
        }

        // A part taken from the volume path is reported under the volume path's name.
        var fromPath = fromPathSub is not null;
        CheckNamePart("catalog", fromPath ? names.VolumePath : names.Catalog, catalog, problems);
        CheckNamePart("schema", fromPath ? names.VolumePath : names.Schema, schema, problems);
        CheckNamePart("volume", fromPath ? names.VolumePath : names.Volume, volume, problems);

        var sub = JoinSubPaths(fromPathSub, names.VolumePath, remotePath, names.RemotePath, problems);
        return problems.Count == before ? new VolumeLocation(catalog, schema, volume, sub) : null;
    }

    /// <summary>
    /// <c>dbfs:/Volumes/c/s/v</c> is how the Databricks CLI and notebooks spell a volume path (<c>databricks fs cp ...
    /// dbfs:/Volumes/...</c>); the scheme names the same place, so it is accepted and dropped.
    /// </summary>
    private static string WithoutDbfsScheme(string volumePath) =>
        volumePath.StartsWith(DbfsScheme, StringComparison.OrdinalIgnoreCase) ? volumePath[DbfsScheme.Length..] : volumePath;

    private static void CheckAgrees(string volumePath, string kind, string setting, string fromPath, string? given, SettingNames names, ICollection<Diagnostic> problems)
    {
        if (!string.IsNullOrWhiteSpace(given) && !string.Equals(given, fromPath, StringComparison.Ordinal))
        {
            problems.Add(DiagnosticCodes.VolumePathConflict.Create(names.VolumePath, volumePath, kind, fromPath, setting, given));
        }
    }

    private static void CheckNamePart(string kind, string setting, string value, ICollection<Diagnostic> problems)
    {
        if (value.Length == 0 || value.Contains('/') || value.Contains('.') || value.Any(char.IsControl))
        {
            problems.Add(DiagnosticCodes.VolumeNamePartInvalid.Create(setting, value, kind));
        }
    }

    private static string JoinSubPaths(string? first, string firstSetting, string? second, string secondSetting, ICollection<Diagnostic> problems)
    {
        var segments = new List<string>();
        foreach (var (part, setting) in new[] { (first, firstSetting), (second, secondSetting) })
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                continue;
            }

            var trimmed = part.Replace('\\', '/').Trim('/');
            var split = trimmed.Split('/');
            if (split.Any(segment => segment.Length == 0 || segment == "." || segment == ".." || segment.Any(char.IsControl)))
            {
                problems.Add(DiagnosticCodes.RemotePathInvalid.Create(setting, part));
                continue;
            }

            segments.AddRange(split);
        }

        return string.Join('/', segments);
    }
}
