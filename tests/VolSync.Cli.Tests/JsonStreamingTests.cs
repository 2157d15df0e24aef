using System.Text;
using System.Text.Json;
using VolSync.Cli.Rendering;

namespace VolSync.Cli.Tests;

/// <summary>
/// Issue 12 item 9: the --json document is streamed. It used to be built whole in memory and copied twice (bytes,
/// array, string), 780 MiB for a 200 000-file dry run.
/// </summary>
public sealed class JsonStreamingTests
{
    [Fact]
    public void A_large_result_reaches_the_writer_in_bounded_chunks_and_is_one_valid_document()
    {
        var files = Enumerable.Range(0, 20_000)
            .Select(i => new SyncFileResult($"/local/dir/file-{i:00000}-ü.txt", $"dir/file-{i:00000}-ü.txt", $"/Volumes/main/default/v/dir/file-{i:00000}-ü_0123456789abcdef.txt", i, new string('a', 64), FileOutcome.Uploaded))
            .ToList();
        var watched = new WatchedList(files);
        var result = new SyncResult { RemoteRoot = "/Volumes/main/default/v", DryRun = false, Files = watched, Duration = TimeSpan.FromSeconds(1) };
        using var target = new ChunkRecordingWriter(watched);

        JsonResultWriter.WriteResult(target, result, exitCode: 0);

        var text = target.ToString();
        Assert.True(text.Length > 4_000_000, $"document of {text.Length} chars");
        // Many writes of bounded size: never the whole document at once.
        Assert.True(target.Writes > 50, $"{target.Writes} writes");
        Assert.True(target.LargestWrite <= 64 * 1024, $"largest write {target.LargestWrite} chars");
        // The first bytes left while the files were still being written: the document was never whole in memory
        // (a writer flushed only at the end reads every file before its first write).
        Assert.True(target.FilesReadAtFirstWrite < 1_000, $"{target.FilesReadAtFirstWrite} files read before the first write");
        using var document = JsonDocument.Parse(text);
        Assert.Equal(20_000, document.RootElement.GetProperty("files").GetArrayLength());
        Assert.Equal("dir/file-19999-ü.txt", document.RootElement.GetProperty("files")[19_999].GetProperty("relativePath").GetString());
        Assert.EndsWith("}" + Environment.NewLine, text, StringComparison.Ordinal);
    }

    /// <summary>A list that tells how far the most recent enumeration of it has got.</summary>
    private sealed class WatchedList(IReadOnlyList<SyncFileResult> files) : IReadOnlyList<SyncFileResult>
    {
        public int Position { get; private set; }

        public int Count => files.Count;

        public SyncFileResult this[int index] => files[index];

        public IEnumerator<SyncFileResult> GetEnumerator()
        {
            Position = 0;
            foreach (var file in files)
            {
                Position++;
                yield return file;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class ChunkRecordingWriter(WatchedList files) : StringWriter
    {
        public int Writes { get; private set; }

        public int FilesReadAtFirstWrite { get; private set; } = -1;

        public int LargestWrite { get; private set; }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char[] buffer, int index, int count)
        {
            Record(count);
            base.Write(buffer, index, count);
        }

        public override void Write(string? value)
        {
            Record(value?.Length ?? 0);
            base.Write(value);
        }

        public override void WriteLine(string? value)
        {
            Record(value?.Length ?? 0);
            base.WriteLine(value);
        }

        private void Record(int count)
        {
            if (Writes == 0)
            {
                FilesReadAtFirstWrite = files.Position;
            }

            Writes++;
            LargestWrite = Math.Max(LargestWrite, count);
        }
    }
}
