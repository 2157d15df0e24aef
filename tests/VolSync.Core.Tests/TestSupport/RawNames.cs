using System.Diagnostics;

namespace VolSync.Core.Tests.TestSupport;

/// <summary>
/// Files whose names are bytes that are not UTF-8. .NET cannot create them (it encodes every name as UTF-8), so the
/// shell does: <c>printf</c> with <c>\xNN</c> escapes.
/// </summary>
public static class RawNames
{
    /// <summary>Creates <paramref name="directory"/>/<paramref name="escapedName"/> with some content; false where the OS or file system refuses.</summary>
    public static bool TryCreateFile(string directory, string escapedName, string content = "x") =>
        Run(directory, $"printf '%s' '{content}' > \"$(printf '{escapedName}')\"");

    public static bool TryCreateDirectory(string directory, string escapedName) =>
        Run(directory, $"mkdir \"$(printf '{escapedName}')\"");

    private static bool Run(string directory, string script)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        var info = new ProcessStartInfo("bash") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using var process = Process.Start(info)!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
