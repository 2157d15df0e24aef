using System.Text;
using VolSync.Emulator.Errors;

namespace VolSync.Emulator.Storage;

/// <summary>
/// A Files API path, <c>/Volumes/&lt;catalog&gt;/&lt;schema&gt;/&lt;volume&gt;[/rel...]</c>, already percent-decoded once.
/// </summary>
internal sealed class VolumePath
{
    /// <summary>The longest name one path segment may have, in UTF-8 bytes (NAME_MAX of the file systems behind volumes).</summary>
    public const int MaxSegmentBytes = 255;

    private VolumePath(string catalog, string schema, string volume, string[] relative, string display)
    {
        Catalog = catalog;
        Schema = schema;
        Volume = volume;
        Relative = relative;
        Display = display;
    }

    /// <summary>Catalog, schema and volume names, lower-cased as Unity Catalog stores them.</summary>
    public string Catalog { get; }
    public string Schema { get; }
    public string Volume { get; }

    /// <summary>Segments below the volume root; empty for the root itself.</summary>
    public string[] Relative { get; }

    /// <summary>The path as the client spelled it, with repeated and trailing slashes removed.</summary>
    public string Display { get; }

    public bool IsVolumeRoot => Relative.Length == 0;

    public string VolumeFullName => $"{Catalog}.{Schema}.{Volume}";

    public string VolumeDisplay => $"/Volumes/{Catalog}/{Schema}/{Volume}";

    public string Name => Relative.Length == 0 ? Volume : Relative[^1];

    public string Child(string name) => Display + "/" + name;

    /// <summary>Parses a decoded path; <c>.</c>/<c>..</c> segments and paths outside <c>/Volumes</c> are rejected.</summary>
    public static VolumePath Parse(string decodedPath)
    {
        if (!decodedPath.StartsWith('/'))
        {
            throw ApiError.InvalidParameter($"The path '{decodedPath}' must be absolute.", "FILES_API_INVALID_PATH");
        }

        var segments = decodedPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments)
        {
            if (segment is "." or ".." || segment.Contains('\0', StringComparison.Ordinal))
            {
                throw ApiError.InvalidParameter(
                    $"The path '{decodedPath}' is invalid: segments '.' and '..' and NUL characters are not allowed.",
                    "FILES_API_INVALID_PATH");
            }
        }

        foreach (var segment in segments)
        {
            var bytes = Encoding.UTF8.GetByteCount(segment);
            if (bytes > MaxSegmentBytes)
            {
                throw ApiError.InvalidParameter(
                    $"The path '{decodedPath}' is invalid: the name '{segment}' is {bytes} bytes long; names are limited to {MaxSegmentBytes} bytes.",
                    "FILES_API_INVALID_PATH");
            }
        }

        if (segments.Length == 0 || !string.Equals(segments[0], "Volumes", StringComparison.Ordinal))
        {
            throw ApiError.InvalidParameter(
                $"The path '{decodedPath}' is not supported: paths must start with /Volumes/<catalog>/<schema>/<volume>.",
                "FILES_API_INVALID_PATH");
        }

        if (segments.Length < 4)
        {
            throw ApiError.NotFound(
                $"The path '{decodedPath}' does not name a volume: paths must start with /Volumes/<catalog>/<schema>/<volume>.",
                "FILES_API_VOLUME_NOT_FOUND");
        }

        return new VolumePath(
            segments[1].ToLowerInvariant(),
            segments[2].ToLowerInvariant(),
            segments[3].ToLowerInvariant(),
            segments[4..],
            "/" + string.Join('/', segments));
    }
}
