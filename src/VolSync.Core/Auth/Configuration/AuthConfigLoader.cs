using VolSync.Diagnostics;

namespace VolSync.Auth.Configuration;

/// <summary>
/// Gathers the attributes level by level, as the SDKs do: explicit settings, then environment variables, then one
/// profile of the config file. The file is read only when a profile is named or nothing host- or credential-like
/// is set yet; a lower level never overwrites a value already set.
/// </summary>
internal static class AuthConfigLoader
{
    // As the Python SDK: the host, any credential-like attribute, or an Azure workspace resource id.
    private static readonly AuthAttribute[] s_fileSkippingAttributes =
    [
        AuthAttribute.Host, AuthAttribute.Token, AuthAttribute.ClientId, AuthAttribute.ClientSecret,
        AuthAttribute.AzureClientId, AuthAttribute.AzureClientSecret, AuthAttribute.AzureTenantId, AuthAttribute.AzureUseMsi, AuthAttribute.AzureResourceId,
    ];

    public static (AuthConfig Config, AuthLookup Lookup) Load(AuthSettings settings, Func<string, string?> environment)
    {
        var config = new AuthConfig();
        var lookup = new AuthLookup();

        AddExplicit(config, lookup, AuthAttribute.Host, settings.Host, "host");
        AddExplicit(config, lookup, AuthAttribute.Profile, settings.Profile, "profile");
        AddExplicit(config, lookup, AuthAttribute.AuthType, settings.AuthType, "auth type");

        foreach (var attribute in AuthAttribute.All)
        {
            var value = environment(attribute.EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                lookup.EnvironmentVariablesSet.Add(attribute.EnvironmentVariable);
                config.SetIfAbsent(attribute, value, new AttributeSource(AttributeOrigin.Environment, attribute.EnvironmentVariable));
            }
        }

        LoadConfigFile(config, lookup, settings, environment);
        return (config, lookup);
    }

    private static void AddExplicit(AuthConfig config, AuthLookup lookup, AuthAttribute attribute, string? value, string label)
    {
        if (config.SetIfAbsent(attribute, value, AttributeSource.Explicit))
        {
            lookup.ExplicitSettings.Add($"{label} '{Redaction.RedactUserInfo(value!.Trim())}'");
        }
    }

    private static void LoadConfigFile(AuthConfig config, AuthLookup lookup, AuthSettings settings, Func<string, string?> environment)
    {
        var home = settings.HomeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var path = ConfigFilePath(config[AuthAttribute.ConfigFile], home);
        lookup.ConfigFilePath = path;
        lookup.ConfigFileExists = File.Exists(path);

        var namedProfile = config[AuthAttribute.Profile];
        if (namedProfile is null && s_fileSkippingAttributes.Any(config.Has))
        {
            lookup.ConfigFileOutcome = "not read: a host or credential was already set and no profile was named";
            return;
        }

        var file = ConfigFile.Load(path);
        ConfigProfile? profile;
        if (namedProfile is not null)
        {
            profile = file.GetProfile(namedProfile);
            if (profile is null)
            {
                lookup.ConfigFileOutcome = $"profile '{namedProfile}' named by {config.SourceOf(AuthAttribute.Profile)!.Describe()}";
                throw ProfileNotFound(namedProfile, file, lookup, "named by " + config.SourceOf(AuthAttribute.Profile)!.Describe());
            }
        }
        else if (file.DefaultProfileSetting is { Length: > 0 } defaultProfile)
        {
            profile = file.GetProfile(defaultProfile);
            if (profile is null)
            {
                lookup.ConfigFileOutcome = $"[{ConfigFile.SettingsSection}] default_profile = {defaultProfile}";
                throw ProfileNotFound(defaultProfile, file, lookup, $"named by default_profile in [{ConfigFile.SettingsSection}]");
            }
        }
        else
        {
            profile = file.GetProfile(ConfigFile.DefaultSection);
            if (profile is null || profile.IsEmpty)
            {
                lookup.ConfigFileOutcome = file.Exists ? "no profile named and no non-empty [DEFAULT] profile" : null;
                return;
            }
        }

        lookup.ConfigFileOutcome = $"profile '{profile.Name}' used";
        var source = new AttributeSource(AttributeOrigin.ConfigFile, profile.Name, path);
        config.SetIfAbsent(AuthAttribute.Profile, profile.Name, source);
        foreach (var attribute in AuthAttribute.All)
        {
            foreach (var key in attribute.FileKeys)
            {
                config.SetIfAbsent(attribute, profile[key], source);
            }
        }
    }

    private static VolSyncException ProfileNotFound(string profile, ConfigFile file, AuthLookup lookup, string namedBy)
    {
        var where = file.Exists ? $"{namedBy}, not in {file.Path}" : $"{namedBy}, but the config file {file.Path} does not exist";
        var available = file.ProfileNames.Count == 0 ? "(none)" : string.Join(", ", file.ProfileNames);
        return DiagnosticCodes.AuthProfileNotFound.ToException(profile, where, available, lookup.Describe());
    }

    /// <summary><c>DATABRICKS_CONFIG_FILE</c> with <c>~</c> expanded, else <c>&lt;home&gt;/.databrickscfg</c>.</summary>
    internal static string ConfigFilePath(string? configured, string home)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return Path.Combine(home, ".databrickscfg");
        }

        var path = configured.Trim();
        if (path == "~")
        {
            return home;
        }

        if (path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal))
        {
            path = Path.Combine(home, path[2..]);
        }

        return Path.GetFullPath(path);
    }
}
