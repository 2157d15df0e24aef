namespace VolSync.Auth.Configuration;

internal enum AttributeOrigin
{
    Explicit,
    Environment,
    ConfigFile,
}

/// <summary>Where one attribute's value came from, for identities and error messages (never the value itself).</summary>
/// <param name="Origin">The level of the chain.</param>
/// <param name="Name">The environment variable name, or the profile name for the config file.</param>
/// <param name="FilePath">The config file, for <see cref="AttributeOrigin.ConfigFile"/>.</param>
internal sealed record AttributeSource(AttributeOrigin Origin, string Name, string? FilePath = null)
{
    public static readonly AttributeSource Explicit = new(AttributeOrigin.Explicit, "explicit settings");

    /// <summary>Short form: <c>DATABRICKS_TOKEN</c>, <c>profile 'dev'</c> or <c>explicit settings</c>.</summary>
    public string Describe() => Origin switch
    {
        AttributeOrigin.Environment => Name,
        AttributeOrigin.ConfigFile => $"profile '{Name}'",
        _ => Name,
    };

    /// <summary>Long form for <see cref="ResolvedAuth.Source"/>: adds the config file path.</summary>
    public string DescribeWithPath() => Origin switch
    {
        AttributeOrigin.Environment => $"environment ({Name})",
        AttributeOrigin.ConfigFile => $"profile '{Name}' in {FilePath}",
        _ => Name,
    };
}
