using System.Reflection;
using System.Runtime.InteropServices;

namespace VolSync.Remote.Databricks;

/// <summary>
/// <c>volsync/&lt;semver&gt; dotnet/&lt;runtime&gt; os/&lt;linux|darwin|windows&gt;</c> plus any extra pairs, in the
/// space-separated <c>key/value</c> form the Databricks SDKs use, so workspace admins can see who calls.
/// </summary>
public static class UserAgent
{
    private static readonly Lazy<string> Default = new(() => Format(ProductVersion(), Environment.Version, OsName(), null));

    /// <summary>The header value for this process, with <paramref name="extra"/> appended when given.</summary>
    public static string Build(string? extra = null) =>
        string.IsNullOrWhiteSpace(extra) ? Default.Value : Default.Value + " " + extra.Trim();

    /// <summary><c>product/version</c> of a host assembly (without build metadata), for <see cref="DatabricksClientOptions.UserAgentExtra"/>.</summary>
    public static string ForHost(string product, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return product + "/" + ToSemver(assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
    }

    internal static string Format(string productVersion, Version runtimeVersion, string os, string? extra)
    {
        var value = $"volsync/{productVersion} dotnet/{runtimeVersion} os/{os}";
        return string.IsNullOrWhiteSpace(extra) ? value : value + " " + extra.Trim();
    }

    /// <summary>The informational version without build metadata (<c>1.2.3-beta+abc</c> → <c>1.2.3-beta</c>).</summary>
    internal static string ToSemver(string? informationalVersion)
    {
        if (string.IsNullOrWhiteSpace(informationalVersion))
        {
            return "0.0.0";
        }

        var plus = informationalVersion.IndexOf('+', StringComparison.Ordinal);
        var semver = (plus >= 0 ? informationalVersion[..plus] : informationalVersion).Trim();
        return semver.Length == 0 ? "0.0.0" : semver;
    }

    internal static string OsName()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return "windows";
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            return "darwin";
        }

        return "linux";
    }

    private static string ProductVersion() =>
        ToSemver(typeof(UserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
}
