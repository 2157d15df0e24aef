using VolSync.Emulator.Errors;
using VolSync.Emulator.Hosting;
using VolSync.Emulator.Storage;

namespace VolSync.Emulator.Endpoints;

/// <summary>Extracts the volume path of a Files/Directories request and applies the permission rules.</summary>
internal static class VolumePathRequest
{
    public static VolumePath Parse(HttpContext context, string prefix)
    {
        var rest = RequestPaths.After(context, prefix) ?? string.Empty;
        if (rest.Length == 0)
        {
            throw ApiError.InvalidParameter("A path is required after " + prefix + ".", "FILES_API_INVALID_PATH");
        }

        var path = VolumePath.Parse(rest);
        var options = context.RequestServices.GetRequiredService<EmulatorOptions>();
        foreach (var forbidden in ((SynchronizedSet)options.ForbiddenPathPrefixes).ToArray())
        {
            var trimmed = forbidden.TrimEnd('/');
            if (path.Display.Equals(trimmed, StringComparison.Ordinal) ||
                path.Display.StartsWith(trimmed + "/", StringComparison.Ordinal))
            {
                throw ApiError.PermissionDenied($"User does not have WRITE VOLUME or READ VOLUME on the path '{path.Display}'.");
            }
        }

        return path;
    }
}
