namespace VolSync.Core.Tests.Auth;

/// <summary>
/// A stand-in for the Azure CLI: a bash script named <c>az</c> that records its arguments (one run per line in
/// <c>az-args.txt</c>, arguments separated by spaces) and answers <c>account get-access-token</c> with what the test
/// asked for.
/// </summary>
internal static class FakeAzureCli
{
    public static string Write(string directory, string stdout, int exitCode = 0, string stderr = "")
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The fake Azure CLI is a bash script.");
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "az");
        var script = "#!/usr/bin/env bash\n"
            + "dir=\"$(dirname \"$0\")\"\n"
            + "echo \"$*\" >> \"$dir/az-args.txt\"\n"
            + "cat <<'VOLSYNC_OUT'\n" + stdout + "\nVOLSYNC_OUT\n"
            + (stderr.Length > 0 ? "cat >&2 <<'VOLSYNC_ERR'\n" + stderr + "\nVOLSYNC_ERR\n" : string.Empty)
            + "exit " + exitCode + "\n";
        File.WriteAllText(path, script);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>A successful answer in the Azure CLI's shape, expiring at <paramref name="expires"/>.</summary>
    public static string Token(string accessToken, DateTimeOffset expires, bool withUnixExpiry = true)
    {
        var local = expires.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);
        var unix = withUnixExpiry ? $",\"expires_on\":{expires.ToUnixTimeSeconds()}" : string.Empty;
        return $$"""{"accessToken":"{{accessToken}}","expiresOn":"{{local}}"{{unix}},"subscription":"00000000-0000-0000-0000-000000000001","tenant":"t","tokenType":"Bearer"}""";
    }

    public static string[] Runs(string directory)
    {
        var file = Path.Combine(directory, "az-args.txt");
        return File.Exists(file) ? File.ReadAllLines(file) : [];
    }
}
