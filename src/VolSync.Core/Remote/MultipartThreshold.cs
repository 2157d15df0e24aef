using VolSync.Diagnostics;

namespace VolSync.Remote;

/// <summary>The one reading and the one range check of the multipart threshold, for every host (CLI, MSBuild, library).</summary>
public static class MultipartThreshold
{
    /// <summary>Smaller files would be one part anyway: multipart would only add requests.</summary>
    public const long Minimum = 5L * 1024 * 1024;

    /// <summary>The single-PUT limit: files above it go in parts whatever the threshold.</summary>
    public const long Maximum = 5_242_880_000;

    /// <summary>
    /// <c>off</c> (or <c>none</c>, <c>false</c>) means null: multipart turned off. Otherwise a size as
    /// <see cref="ByteSize.TryParse"/> reads it, checked against the range. Throws VOLSYNC2450 or VOLSYNC2451.
    /// </summary>
    public static long? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Equals("off", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("none", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!ByteSize.TryParse(trimmed, out var bytes))
        {
            throw DiagnosticCodes.MultipartThresholdInvalid.ToException(text);
        }

        Validate(bytes);
        return bytes;
    }

    /// <summary>Throws VOLSYNC2451 unless the threshold is null (off) or from 5 MiB to 5000 MiB.</summary>
    public static void Validate(long? threshold)
    {
        if (threshold is { } value && (value < Minimum || value > Maximum))
        {
            throw DiagnosticCodes.MultipartThresholdOutOfRange.ToException(ByteSize.Format(value));
        }
    }
}
