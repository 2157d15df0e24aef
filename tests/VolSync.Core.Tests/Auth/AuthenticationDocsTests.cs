using VolSync.Auth;
using VolSync.Auth.Configuration;

namespace VolSync.Core.Tests.Auth;

/// <summary>
/// docs/authentication.md names every auth type, environment variable and profile key the code reads, so a new
/// attribute or provider cannot land undocumented.
/// </summary>
public sealed class AuthenticationDocsTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(FindRoot(), "docs", "authentication.md"));

    [Fact]
    public void Every_environment_variable_is_documented()
    {
        var missing = AuthAttribute.All.Select(a => a.EnvironmentVariable).Where(name => !Document.Contains($"`{name}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "not in docs/authentication.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_profile_key_is_documented()
    {
        var missing = AuthAttribute.All.SelectMany(a => a.FileKeys).Where(key => !Document.Contains($"`{key}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "not in docs/authentication.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_auth_type_has_a_row_in_the_method_table()
    {
        var rows = Document.Split('\n').Where(line => line.StartsWith("| ", StringComparison.Ordinal)).ToList();
        var missing = DatabricksAuth.AuthTypes.Where(type => !rows.Any(row => row.Contains($"| `{type}` |", StringComparison.Ordinal))).ToList();

        Assert.True(missing.Count == 0, "no table row in docs/authentication.md: " + string.Join(", ", missing));
        Assert.Contains("azure-msi", DatabricksAuth.AuthTypes);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VolSync.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("VolSync.sln not found above " + AppContext.BaseDirectory);
    }
}
