using VolSync.Diagnostics;

namespace VolSync.Remote;

/// <summary>
/// The one reading and the one range rule of the multipart threshold, for every host (CLI, MSBuild, library):
/// <see cref="SettingText.MultipartThreshold"/> and <see cref="SyncConfig.Validate"/> use them.
/// </summary>
internal static class MultipartThreshold
{
    /// <summary>Smaller files would be one part anyway: multipart would only add requests.</summary>
    public const long Minimum = 5L * 1024 * 1024;

    /// <summary>The single-PUT limit: files above it go in parts whatever the threshold.</summary>
    public const long Maximum = 5_242_880_000;

    /// <summary>
    /// <c>off</c> (or <c>none</c>, <c>false</c>) reads as null: multipart turned off. Otherwise a size as
    /// <see cref="ByteSize.TryParse"/> reads it. The range is not checked here (<see cref="Check"/>).
    /// </summary>
    public static bool TryParse(string text, out long? threshold)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        threshold = null;
        if (trimmed.Equals("off", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("none", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!ByteSize.TryParse(trimmed, out var bytes))
        {
            return false;
        }

        threshold = bytes;
        return true;
    }

    /// <summary>Reads and range-checks <paramref name="text"/>; throws VOLSYNC2450 (not a size) or VOLSYNC2451 (out of range).</summary>
    public static long? Parse(string text, SettingNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var setting = (names ?? SettingNames.Library).MultipartThreshold;
        if (!TryParse(text, out var threshold))
        {
            throw DiagnosticCodes.MultipartThresholdInvalid.ToException(setting, text.Trim());
        }

        return Check(threshold, names) is { } problem ? throw new VolSyncException(problem) : threshold;
    }

    /// <summary>The range rule: null when the threshold is null (off) or from 5 MiB to 5000 MiB, else VOLSYNC2451.</summary>
    public static Diagnostic? Check(long? threshold, SettingNames? names = null) =>
        threshold is { } value && (value < Minimum || value > Maximum)
            ? DiagnosticCodes.MultipartThresholdOutOfRange.Create((names ?? SettingNames.Library).MultipartThreshold, ByteSize.Format(value))
            : null;
}
