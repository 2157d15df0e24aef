using VolSync.Diagnostics;

namespace VolSync;

/// <summary>
/// Where a sync lands: a Unity Catalog volume and an optional sub-path under it. The one place that turns the
/// user's spelling (<c>/Volumes/c/s/v/sub</c>, or catalog/schema/volume plus a sub-path) into remote paths.
/// </summary>
public sealed record VolumeLocation
{
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

    public static VolumeLocation From(SyncConfig config) =>
        Resolve(config.VolumePath, config.Catalog, config.Schema, config.Volume, config.RemotePath);

    /// <summary>
    /// Resolves and validates the target. A whole <paramref name="volumePath"/> may carry a sub-path; an explicit
    /// <paramref name="remotePath"/> is appended to it. Catalog/schema/volume given beside a volume path must agree.
    /// </summary>
    public static VolumeLocation Resolve(string? volumePath, string? catalog, string? schema, string? volume, string? remotePath = null)
    {
        string? fromPathSub = null;
        if (!string.IsNullOrWhiteSpace(volumePath))
        {
            var parts = volumePath.Trim().TrimEnd('/').Split('/');
            // "", "Volumes", c, s, v, sub...
            if (parts.Length < 5 || parts[0].Length != 0 || !string.Equals(parts[1], "Volumes", StringComparison.Ordinal))
            {
                throw DiagnosticCodes.VolumePathInvalid.ToException(volumePath);
            }

            CheckAgrees(volumePath, "catalog", parts[2], catalog);
            CheckAgrees(volumePath, "schema", parts[3], schema);
            CheckAgrees(volumePath, "volume", parts[4], volume);
            catalog = parts[2];
            schema = parts[3];
            volume = parts[4];
            fromPathSub = string.Join('/', parts.Skip(5));
        }

        if (string.IsNullOrWhiteSpace(catalog) || string.IsNullOrWhiteSpace(schema) || string.IsNullOrWhiteSpace(volume))
        {
            throw DiagnosticCodes.VolumeNotSpecified.ToException();
        }

        CheckNamePart("catalog", catalog);
        CheckNamePart("schema", schema);
        CheckNamePart("volume", volume);

        var sub = JoinSubPaths(fromPathSub, remotePath);
        return new VolumeLocation(catalog, schema, volume, sub);
    }

    private static void CheckAgrees(string volumePath, string kind, string fromPath, string? given)
    {
        if (!string.IsNullOrWhiteSpace(given) && !string.Equals(given, fromPath, StringComparison.Ordinal))
        {
            throw DiagnosticCodes.VolumePathConflict.ToException(volumePath, kind, fromPath, given);
        }
    }

    private static void CheckNamePart(string kind, string value)
    {
        if (value.Length == 0 || value.Contains('/') || value.Contains('.') || value.Any(char.IsControl) || value.Trim().Length != value.Length)
        {
            throw DiagnosticCodes.VolumeNamePartInvalid.ToException(kind, value);
        }
    }

    private static string JoinSubPaths(string? first, string? second)
    {
        var segments = new List<string>();
        foreach (var part in new[] { first, second })
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                continue;
            }

            var trimmed = part.Replace('\\', '/').Trim('/');
            foreach (var segment in trimmed.Split('/'))
            {
                if (segment.Length == 0 || segment == "." || segment == ".." || segment.Any(char.IsControl))
                {
                    throw DiagnosticCodes.RemotePathInvalid.ToException(part);
                }

                segments.Add(segment);
            }
        }

        return string.Join('/', segments);
    }
}
