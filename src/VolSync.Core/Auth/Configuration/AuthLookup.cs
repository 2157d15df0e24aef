using System.Text;

namespace VolSync.Auth.Configuration;

/// <summary>
/// What the resolution looked at, so a failure can say it in one message: the explicit settings, the names of the
/// environment variables that were set, the config file and what became of it, the profile and the databricks CLI.
/// Holds names and paths only, never a value that could be a secret.
/// </summary>
internal sealed class AuthLookup
{
    public List<string> ExplicitSettings { get; } = [];

    public List<string> EnvironmentVariablesSet { get; } = [];

    public string? ConfigFilePath { get; set; }

    public bool ConfigFileExists { get; set; }

    /// <summary>Why the file was or was not used, e.g. <c>profile 'dev' used</c>.</summary>
    public string? ConfigFileOutcome { get; set; }

    public string? DatabricksCli { get; set; }

    /// <summary>What became of the Azure CLI: not on PATH, found, or found without a usable login.</summary>
    public string? AzureCli { get; set; }

    /// <summary>Why the Azure methods were not tried although Azure settings are present.</summary>
    public string? Azure { get; set; }

    public string Describe()
    {
        var text = new StringBuilder("Looked at: explicit settings (");
        text.Append(ExplicitSettings.Count == 0 ? "none" : string.Join(", ", ExplicitSettings));
        text.Append("); environment variables (");
        text.Append(EnvironmentVariablesSet.Count == 0 ? "none of the DATABRICKS_* variables set" : "set: " + string.Join(", ", EnvironmentVariablesSet));
        text.Append("); config file ");
        text.Append(ConfigFilePath ?? "(none)");
        text.Append(ConfigFileExists ? " (exists" : " (does not exist");
        if (ConfigFileOutcome is not null)
        {
            text.Append("; ").Append(ConfigFileOutcome);
        }

        text.Append(')');
        if (DatabricksCli is not null)
        {
            text.Append("; databricks CLI (").Append(DatabricksCli).Append(')');
        }

        if (AzureCli is not null)
        {
            text.Append("; Azure CLI (").Append(AzureCli).Append(')');
        }

        if (Azure is not null)
        {
            text.Append("; ").Append(Azure);
        }

        return text.Append('.').ToString();
    }

    public override string ToString() => Describe();
}
