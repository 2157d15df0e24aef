namespace VolSync.Core.Tests.Auth;

/// <summary>Explicit settings, then the environment, then the config file: a lower level never overwrites a higher one.</summary>
public sealed class PrecedenceTests : IDisposable
{
    private readonly AuthTestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    [Fact]
    public async Task Environment_host_and_token_give_a_pat()
    {
        _env.Variables["DATABRICKS_HOST"] = "adb-1.azuredatabricks.net";
        _env.Variables["DATABRICKS_TOKEN"] = "env-token";
        var auth = await _env.ResolveAsync();
        Assert.Equal("https://adb-1.azuredatabricks.net/", auth.Host.AbsoluteUri);
        Assert.Equal("pat", auth.Credentials.AuthType);
        Assert.Equal("personal access token from DATABRICKS_TOKEN", auth.Credentials.Identity);
        Assert.Equal("environment (DATABRICKS_TOKEN)", auth.Source);
        Assert.Equal("Bearer env-token", await auth.Credentials.GetAuthorizationHeaderAsync());
    }

    [Fact]
    public async Task An_explicit_host_wins_over_DATABRICKS_HOST()
    {
        _env.Variables["DATABRICKS_HOST"] = "https://env.example.com";
        _env.Variables["DATABRICKS_TOKEN"] = "env-token";
        var auth = await _env.ResolveAsync(host: "https://explicit.example.com");
        Assert.Equal("https://explicit.example.com/", auth.Host.AbsoluteUri);
    }

    [Fact]
    public async Task The_config_file_is_not_read_when_the_environment_already_has_a_host_and_no_profile_is_named()
    {
        _env.WriteConfig("[DEFAULT]\nhost = https://file.example.com\ntoken = file-token\n");
        _env.Variables["DATABRICKS_HOST"] = "https://env.example.com";
        _env.Variables["DATABRICKS_TOKEN"] = "env-token";
        var auth = await _env.ResolveAsync();
        Assert.Equal("https://env.example.com/", auth.Host.AbsoluteUri);
        Assert.Equal("Bearer env-token", await auth.Credentials.GetAuthorizationHeaderAsync());
    }

    [Fact]
    public async Task A_host_alone_in_the_environment_keeps_the_file_closed()
    {
        _env.WriteConfig("[DEFAULT]\nhost = https://file.example.com\ntoken = file-token\n");
        _env.Variables["DATABRICKS_HOST"] = "https://env.example.com";
        var error = await _env.ResolveFailsAsync();
        Assert.Equal("VOLSYNC2100", error.Code);
        Assert.Contains("not read: a host or credential was already set and no profile was named", error.Message);
    }

    [Fact]
    public async Task With_a_named_profile_the_environment_still_wins_attribute_by_attribute()
    {
        _env.WriteConfig("[dev]\nhost = https://file.example.com\ntoken = file-token\n");
        _env.Variables["DATABRICKS_TOKEN"] = "env-token";
        var auth = await _env.ResolveAsync(profile: "dev");

        // Host from the profile, token from the environment.
        Assert.Equal("https://file.example.com/", auth.Host.AbsoluteUri);
        Assert.Equal("Bearer env-token", await auth.Credentials.GetAuthorizationHeaderAsync());
        Assert.Equal("personal access token from DATABRICKS_TOKEN", auth.Credentials.Identity);
    }

    [Fact]
    public async Task An_explicit_host_wins_over_the_profile_host()
    {
        _env.WriteConfig("[dev]\nhost = https://file.example.com\ntoken = file-token\n");
        var auth = await _env.ResolveAsync(host: "https://explicit.example.com", profile: "dev");
        Assert.Equal("https://explicit.example.com/", auth.Host.AbsoluteUri);
        Assert.Equal("Bearer file-token", await auth.Credentials.GetAuthorizationHeaderAsync());
    }

    [Fact]
    public async Task Empty_environment_variables_count_as_unset()
    {
        _env.WriteConfig("[DEFAULT]\nhost = https://file.example.com\ntoken = file-token\n");
        _env.Variables["DATABRICKS_HOST"] = "";
        _env.Variables["DATABRICKS_TOKEN"] = "  ";
        var auth = await _env.ResolveAsync();
        Assert.Equal("Bearer file-token", await auth.Credentials.GetAuthorizationHeaderAsync());
    }

    [Fact]
    public async Task Environment_client_id_and_secret_give_oauth_m2m_with_an_informative_identity()
    {
        _env.Variables["DATABRICKS_HOST"] = "https://h.example.com";
        _env.Variables["DATABRICKS_CLIENT_ID"] = "sp-1234";
        _env.Variables["DATABRICKS_CLIENT_SECRET"] = "dose-secret";
        var auth = await _env.ResolveAsync();
        Assert.Equal("oauth-m2m", auth.Credentials.AuthType);
        Assert.Equal("service principal sp-1234 (oauth-m2m, DATABRICKS_CLIENT_SECRET)", auth.Credentials.Identity);
        Assert.DoesNotContain("dose-secret", auth.ToString());
    }
}
