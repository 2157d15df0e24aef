using VolSync.Auth;

namespace VolSync.Core.Tests.Auth;

/// <summary>Which profile of the config file is used, and what happens when it is not there.</summary>
public sealed class ProfileSelectionTests : IDisposable
{
    private readonly AuthTestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    private const string ThreeProfiles = """
        [DEFAULT]
        host = https://default.example.com
        token = default-token

        [dev]
        host = https://dev.example.com
        token = dev-token

        [ci.prod]
        host = prod.example.com/
        client_id = sp-prod
        client_secret = prod-secret
        """;

    [Fact]
    public async Task Without_a_profile_name_DEFAULT_is_used()
    {
        _env.WriteConfig(ThreeProfiles);
        var auth = await _env.ResolveAsync();
        Assert.Equal("https://default.example.com/", auth.Host.AbsoluteUri);
        Assert.Equal("Bearer default-token", await auth.Credentials.GetAuthorizationHeaderAsync());
        Assert.Equal("personal access token from profile 'DEFAULT'", auth.Credentials.Identity);
        Assert.Equal($"profile 'DEFAULT' in {_env.ConfigPath}", auth.Source);
    }

    [Fact]
    public async Task An_explicit_profile_wins_over_DEFAULT()
    {
        _env.WriteConfig(ThreeProfiles);
        var auth = await _env.ResolveAsync(profile: "dev");
        Assert.Equal("Bearer dev-token", await auth.Credentials.GetAuthorizationHeaderAsync());
        Assert.Equal("https://dev.example.com/", auth.Host.AbsoluteUri);
    }

    [Fact]
    public async Task DATABRICKS_CONFIG_PROFILE_names_the_profile_and_dots_are_allowed()
    {
        _env.WriteConfig(ThreeProfiles);
        _env.Variables["DATABRICKS_CONFIG_PROFILE"] = "ci.prod";
        var auth = await _env.ResolveAsync();
        Assert.Equal("oauth-m2m", auth.Credentials.AuthType);
        Assert.Equal("service principal sp-prod (oauth-m2m, profile 'ci.prod')", auth.Credentials.Identity);
        Assert.Equal("https://prod.example.com/", auth.Host.AbsoluteUri);
    }

    [Fact]
    public async Task An_explicit_profile_setting_wins_over_DATABRICKS_CONFIG_PROFILE()
    {
        _env.WriteConfig(ThreeProfiles);
        _env.Variables["DATABRICKS_CONFIG_PROFILE"] = "ci.prod";
        var auth = await _env.ResolveAsync(profile: "dev");
        Assert.Equal("Bearer dev-token", await auth.Credentials.GetAuthorizationHeaderAsync());
    }

    [Fact]
    public async Task Settings_default_profile_wins_over_DEFAULT()
    {
        _env.WriteConfig(ThreeProfiles + "\n[__settings__]\ndefault_profile = dev\n");
        var auth = await _env.ResolveAsync();
        Assert.Equal("Bearer dev-token", await auth.Credentials.GetAuthorizationHeaderAsync());
    }

    [Fact]
    public async Task An_explicit_profile_wins_over_settings_default_profile()
    {
        _env.WriteConfig(ThreeProfiles + "\n[__settings__]\ndefault_profile = dev\n");
        var auth = await _env.ResolveAsync(profile: "DEFAULT");
        Assert.Equal("Bearer default-token", await auth.Credentials.GetAuthorizationHeaderAsync());
    }

    [Fact]
    public async Task An_empty_DEFAULT_is_skipped()
    {
        _env.WriteConfig("[DEFAULT]\n\n[dev]\nhost = https://dev.example.com\ntoken = dev-token\n");
        var error = await _env.ResolveFailsAsync();
        Assert.Equal("VOLSYNC2100", error.Code);
        Assert.Contains("no profile named and no non-empty [DEFAULT] profile", error.Message);
    }

    [Fact]
    public async Task DEFAULT_is_not_merged_into_a_named_profile()
    {
        _env.WriteConfig("[DEFAULT]\ntoken = default-token\n\n[hostonly]\nhost = https://dev.example.com\n");
        var error = await _env.ResolveFailsAsync(profile: "hostonly");

        // The named profile has a host but no credential: DEFAULT's token must not fill the gap.
        Assert.Equal("VOLSYNC2100", error.Code);
        Assert.Contains("profile 'hostonly' used", error.Message);
    }

    [Fact]
    public async Task A_missing_profile_is_a_coded_error_listing_the_available_ones()
    {
        _env.WriteConfig(ThreeProfiles);
        var error = await _env.ResolveFailsAsync(profile: "staging");
        Assert.Equal("VOLSYNC2101", error.Code);
        Assert.Contains("'staging'", error.Message);
        Assert.Contains("DEFAULT, dev, ci.prod", error.Message);
        Assert.Contains(_env.ConfigPath, error.Message);
        Assert.DoesNotContain("dev-token", error.Message);
        Assert.DoesNotContain("prod-secret", error.Message);
    }

    [Fact]
    public async Task A_missing_profile_from_the_environment_says_where_the_name_came_from()
    {
        _env.WriteConfig(ThreeProfiles);
        _env.Variables["DATABRICKS_CONFIG_PROFILE"] = "nope";
        var error = await _env.ResolveFailsAsync();
        Assert.Equal("VOLSYNC2101", error.Code);
        Assert.Contains("named by DATABRICKS_CONFIG_PROFILE", error.Message);
    }

    [Fact]
    public async Task A_missing_default_profile_setting_is_a_coded_error()
    {
        _env.WriteConfig(ThreeProfiles + "\n[__settings__]\ndefault_profile = gone\n");
        var error = await _env.ResolveFailsAsync();
        Assert.Equal("VOLSYNC2101", error.Code);
        Assert.Contains("default_profile", error.Message);
    }

    [Fact]
    public async Task A_named_profile_without_a_config_file_says_the_file_does_not_exist()
    {
        var error = await _env.ResolveFailsAsync(profile: "dev");
        Assert.Equal("VOLSYNC2101", error.Code);
        Assert.Contains($"the config file {_env.ConfigPath} does not exist", error.Message);
    }

    [Fact]
    public async Task DATABRICKS_CONFIG_FILE_points_at_another_file_with_tilde_expansion()
    {
        _env.WriteConfig("[DEFAULT]\nhost = https://elsewhere.example.com\ntoken = elsewhere-token\n", Path.Combine(_env.Home, "conf", "db.ini"));
        _env.WriteConfig(ThreeProfiles);
        _env.Variables["DATABRICKS_CONFIG_FILE"] = "~/conf/db.ini";
        var auth = await _env.ResolveAsync();
        Assert.Equal("Bearer elsewhere-token", await auth.Credentials.GetAuthorizationHeaderAsync());
        Assert.Contains(Path.Combine(_env.Home, "conf", "db.ini"), auth.Source);
    }

    [Fact]
    public async Task Quoted_values_and_inline_comments_in_the_file_reach_the_credentials()
    {
        _env.WriteConfig("[DEFAULT]\nhost = \"https://quoted.example.com\" # workspace\ntoken = \"%Y#X$Z\" # c\n");
        var auth = await _env.ResolveAsync();
        Assert.Equal("https://quoted.example.com/", auth.Host.AbsoluteUri);
        Assert.Equal("Bearer %Y#X$Z", await auth.Credentials.GetAuthorizationHeaderAsync());
    }

    [Fact]
    public async Task The_auth_type_of_a_profile_selects_the_provider()
    {
        _env.WriteConfig("[DEFAULT]\nhost = https://h.example.com\ntoken = t\nclient_id = id\nclient_secret = s\nauth_type = oauth-m2m\n");
        var auth = await _env.ResolveAsync();
        Assert.Equal("oauth-m2m", auth.Credentials.AuthType);
    }
}
