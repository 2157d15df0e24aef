using System.Text;

namespace VolSync.Core.Tests.Auth;

/// <summary>
/// A stand-in for the databricks CLI: a bash script that records its arguments, counts its runs and prints what the
/// test asked for. Padded past 1 MiB with a comment block after <c>exit</c>, because smaller files are taken for
/// the legacy Python CLI and skipped.
/// </summary>
internal static class FakeDatabricksCli
{
    public static string Write(string directory, string stdout, int exitCode = 0, string stderr = "", bool pad = true, string name = "databricks")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        var script = new StringBuilder();
        script.Append("#!/usr/bin/env bash\n");
        script.Append("dir=\"$(dirname \"$0\")\"\n");
        script.Append("printf '%s\\n' \"$@\" > \"$dir/args.txt\"\n");
        script.Append("echo run >> \"$dir/runs.txt\"\n");
        script.Append("cat <<'VOLSYNC_OUT'\n").Append(stdout).Append("\nVOLSYNC_OUT\n");
        if (stderr.Length > 0)
        {
            script.Append("cat >&2 <<'VOLSYNC_ERR'\n").Append(stderr).Append("\nVOLSYNC_ERR\n");
        }

        script.Append("exit ").Append(exitCode).Append('\n');
        if (pad)
        {
            var line = "# padding so the file is not mistaken for the legacy Python CLI\n";
            while (script.Length < 1024 * 1024 + 4096)
            {
                script.Append(line);
            }
        }

        File.WriteAllText(path, script.ToString());
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The fake databricks CLI is a bash script.");
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public static string[] Arguments(string directory) => File.ReadAllLines(Path.Combine(directory, "args.txt"));

    public static int Runs(string directory) => File.Exists(Path.Combine(directory, "runs.txt")) ? File.ReadAllLines(Path.Combine(directory, "runs.txt")).Length : 0;
}
