using VolSync.Auth.Providers;

namespace VolSync.Auth.Azure;

/// <summary>Finds the Azure CLI on <c>PATH</c>: <c>az</c>, and on Windows its <c>az.cmd</c> launcher.</summary>
internal static class AzureCliLocator
{
    public static string? Find(Func<string, string?> environment, out string lookedAt)
    {
        string[] names = OperatingSystem.IsWindows() ? ["az.cmd", "az.exe", "az"] : ["az"];
        var found = ExecutableSearch.OnPath(names, environment).FirstOrDefault();
        lookedAt = found is null ? "'az' not on PATH" : $"found at {found.FullName}";
        return found?.FullName;
    }
}
