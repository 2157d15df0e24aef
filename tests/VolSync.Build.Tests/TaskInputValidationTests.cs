using Microsoft.Build.Utilities;
using VolSync.Build.Tests.Infrastructure;

namespace VolSync.Build.Tests;

/// <summary>
/// Inputs the task refuses before any credential or network call, each under the code every host uses for that
/// condition (VolSync.Core's SyncConfig.Validate), with a message naming the MSBuild property to fix.
/// The CLI gives the same codes for the same inputs: see the EndToEnd HostParityTests.
/// </summary>
public sealed class TaskInputValidationTests : IDisposable
{
    private readonly TempDirectory _source = new();
    private readonly RecordingBuildEngine _engine = new();

    public TaskInputValidationTests()
    {
        _source.Write("a.txt", "a");
    }

    public void Dispose() => _source.Dispose();

    private SyncToDatabricksVolume NewTask() => new()
    {
        BuildEngine = _engine,
        LocalPath = _source.Path,
        VolumePath = "/Volumes/main/default/apps",
        // No host reachable: a test that got past validation would fail on auth, not hang.
        GetEnvironmentVariable = _ => null,
        HomeDirectory = _source.Path,
    };

    [Fact]
    public void Missing_volume_is_VOLSYNC4001_naming_the_properties()
    {
        var task = NewTask();
        task.VolumePath = null;
        task.Catalog = "main";

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("VOLSYNC4001", error.Code);
        Assert.Contains("VolSyncVolumePath", error.Message);
        Assert.Contains("VolSyncCatalog", error.Message);
        Assert.DoesNotContain("VOLSYNC4001", error.Message); // the code is the event's, not repeated in the text
    }

    [Fact]
    public void Missing_local_path_is_VOLSYNC4002()
    {
        var task = NewTask();
        task.LocalPath = " ";

        Assert.False(task.Execute());

        Assert.Equal("VOLSYNC4002", Assert.Single(_engine.Errors).Code);
        Assert.Contains("VolSyncLocalPath", _engine.Errors[0].Message);
    }

    [Fact]
    public void Every_invalid_input_is_reported_at_once_under_the_engine_codes()
    {
        var task = NewTask();
        task.MaxConcurrentUploads = "0";
        task.HashLength = "4";
        task.Include = [new TaskItem("../*")];
        task.RetryTimeoutSeconds = "-1";

        Assert.False(task.Execute());

        // Formerly the task's own 2200/2201/2202; now the condition's one code in every host.
        Assert.Equal(new[] { "VOLSYNC2009", "VOLSYNC2010", "VOLSYNC2011", "VOLSYNC2203" }, _engine.Errors.Select(e => e.Code ?? "").Order().ToArray());
        Assert.Contains(_engine.Errors, e => e.Message.Contains("VolSyncRetryTimeoutSeconds", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("65")]
    [InlineData("-1")]
    [InlineData("many")]
    [InlineData("automatic")]
    public void MaxConcurrentUploads_out_of_range_or_not_a_number_is_VOLSYNC2010(string value)
    {
        var task = NewTask();
        task.MaxConcurrentUploads = value;

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("VOLSYNC2010", error.Code);
        Assert.Contains("VolSyncMaxConcurrentUploads", error.Message);
        Assert.Contains("'auto'", error.Message);
    }

    [Fact]
    public void An_anchored_pattern_is_accepted_as_in_the_CLI()
    {
        // Formerly VOLSYNC2202 in MSBuild while the CLI accepted it: '/a.txt' is a.txt at the root (SPEC §2).
        var task = NewTask();
        task.IncludePatterns = "/a.txt";

        Assert.False(task.Execute()); // no credentials: it gets as far as authentication

        Assert.Equal("VOLSYNC2100", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void Local_path_that_does_not_exist_is_VOLSYNC2007()
    {
        var task = NewTask();
        task.LocalPath = Path.Combine(_source.Path, "missing");

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("VOLSYNC2007", error.Code);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void The_former_parameter_names_still_work()
    {
        var task = NewTask();
        task.SourceDirectory = Path.Combine(_source.Path, "missing");

        Assert.False(task.Execute());

        Assert.Equal("VOLSYNC2007", Assert.Single(_engine.Errors).Code);
        Assert.Equal(task.SourceDirectory, task.LocalPath);
    }

    [Fact]
    public void Malformed_volume_path_carries_the_engine_code()
    {
        var task = NewTask();
        task.VolumePath = "/Volume/main/default";

        Assert.False(task.Execute());

        Assert.Equal("VOLSYNC2002", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void Volume_path_disagreeing_with_catalog_carries_the_engine_code()
    {
        var task = NewTask();
        task.Catalog = "other";

        Assert.False(task.Execute());

        Assert.Equal("VOLSYNC2003", Assert.Single(_engine.Errors).Code);
    }
}
