using VolSync.Build.Tests.Infrastructure;

namespace VolSync.Build.Tests;

/// <summary>
/// Issue 12 item 11: <c>MSBUILDLOGALLENVIRONMENTVARIABLES</c> makes MSBuild write the whole environment into the
/// binary log, DATABRICKS_TOKEN included. The task cannot stop that, so it says so with a coded warning.
/// </summary>
public sealed class BinaryLogWarningTests
{
    private const string Volume = "/Volumes/main/default/apps";

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("0")] // MSBuild logs everything for any non-empty value.
    public async Task A_token_from_the_environment_with_log_all_environment_variables_is_a_coded_warning(string value)
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateVolumeAsync("main", "default", "apps");
        h.WriteSource("a.txt", "a");
        var task = h.NewTask(Volume, new Dictionary<string, string?> { ["MSBUILDLOGALLENVIRONMENTVARIABLES"] = value });

        Assert.True(task.Execute(), h.Engine.Render());

        var warning = Assert.Single(h.Engine.Warnings);
        Assert.Equal("VOLSYNC2108", warning.Code);
        Assert.Contains("MSBUILDLOGALLENVIRONMENTVARIABLES", warning.Message);
        Assert.Contains("DATABRICKS_TOKEN", warning.Message);
        Assert.DoesNotContain(EmulatorHarness.Token, h.Engine.Render());
        Assert.Equal(1, task.UploadedCount);
    }

    [Fact]
    public async Task The_warning_names_every_secret_variable_that_is_set()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateVolumeAsync("main", "default", "apps");
        var task = h.NewTask(Volume, new Dictionary<string, string?>
        {
            ["MSBUILDLOGALLENVIRONMENTVARIABLES"] = "1",
            // Not used by this build (no managed identity), but in the environment, so in the binary log.
            ["IDENTITY_HEADER"] = "unused-but-logged",
        });

        Assert.True(task.Execute(), h.Engine.Render());

        var warning = Assert.Single(h.Engine.Warnings);
        Assert.Contains("DATABRICKS_TOKEN, IDENTITY_HEADER", warning.Message);
        Assert.DoesNotContain("unused-but-logged", warning.Message);
    }

    [Fact]
    public async Task Without_log_all_environment_variables_there_is_no_warning()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateVolumeAsync("main", "default", "apps");
        var task = h.NewTask(Volume);

        Assert.True(task.Execute(), h.Engine.Render());

        Assert.Empty(h.Engine.Warnings);
    }

    [Fact]
    public async Task A_token_from_a_profile_is_not_in_the_environment_so_there_is_no_warning()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateVolumeAsync("main", "default", "apps");
        var home = Path.Combine(h.Source, "..");
        File.WriteAllText(Path.Combine(home, ".databrickscfg"), $"[DEFAULT]\nhost = {h.Server.BaseUri}\ntoken = {EmulatorHarness.Token}\n");
        var task = h.NewTask(Volume, new Dictionary<string, string?>
        {
            ["MSBUILDLOGALLENVIRONMENTVARIABLES"] = "1",
            ["DATABRICKS_HOST"] = null,
            ["DATABRICKS_TOKEN"] = null,
        });

        Assert.True(task.Execute(), h.Engine.Render());

        Assert.Empty(h.Engine.Warnings);
        Assert.Contains(h.Engine.Messages, m => m.Message.Contains("profile 'DEFAULT'"));
    }
}
