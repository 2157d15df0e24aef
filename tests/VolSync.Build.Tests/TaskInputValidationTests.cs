using Microsoft.Build.Utilities;
using VolSync.Build.Tests.Infrastructure;

namespace VolSync.Build.Tests;

/// <summary>Inputs the task refuses before any network traffic: each a coded error naming what to fix.</summary>
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
        SourceDirectory = _source.Path,
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
    public void Missing_source_directory_property_is_VOLSYNC4002()
    {
        var task = NewTask();
        task.SourceDirectory = " ";

        Assert.False(task.Execute());

        Assert.Equal("VOLSYNC4002", Assert.Single(_engine.Errors).Code);
        Assert.Contains("VolSyncSourceDir", _engine.Errors[0].Message);
    }

    [Fact]
    public void Every_invalid_input_is_reported_at_once()
    {
        var task = NewTask();
        task.MaxConcurrentUploads = "0";
        task.HashLength = 4;
        task.Include = [new TaskItem("/etc/*")];
        task.RetryTimeoutSeconds = -1;

        Assert.False(task.Execute());

        Assert.Equal(new[] { "VOLSYNC2200", "VOLSYNC2201", "VOLSYNC2202", "VOLSYNC2203" }, _engine.Errors.Select(e => e.Code ?? "").Order().ToArray());
    }

    [Theory]
    [InlineData("65")]
    [InlineData("-1")]
    [InlineData("many")]
    [InlineData("")]
    public void MaxConcurrentUploads_out_of_range_is_VOLSYNC2200(string value)
    {
        var task = NewTask();
        task.MaxConcurrentUploads = value;

        Assert.False(task.Execute());

        Assert.Equal("VOLSYNC2200", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void Source_directory_that_does_not_exist_is_VOLSYNC3100()
    {
        var task = NewTask();
        task.SourceDirectory = Path.Combine(_source.Path, "missing");

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("VOLSYNC3100", error.Code);
        Assert.Contains("missing", error.Message);
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
