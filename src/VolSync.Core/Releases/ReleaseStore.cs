using System.Text.Json;
using VolSync.Diagnostics;
using VolSync.Remote;

namespace VolSync.Releases;

/// <summary>One manifest file of <c>releases/</c>: its manifest, or why it could not be read.</summary>
internal sealed record StoredRelease(string Id, string Path, ReleaseManifest? Manifest, VolSyncException? Error);

/// <summary>What a root's <c>.volsync/</c> holds: the latest release and every stored one, newest first.</summary>
internal sealed record RootReleases(ReleaseManifest? Latest, IReadOnlyList<StoredRelease> Releases);

/// <summary>
/// Reads and writes the <c>.volsync/</c> folder of a remote root through the Files API (SPEC §8): the release
/// manifest first, <c>latest.json</c> last, so a reader that finds <c>latest.json</c> finds a complete release.
/// </summary>
internal sealed class ReleaseStore
{
    private readonly IVolumeFileStore _store;

    public ReleaseStore(IVolumeFileStore store) => _store = store;

    /// <summary>
    /// The root's latest release as a sync needs it, or null when there is none; read as it streams in, keeping no
    /// entry unless <paramref name="forOriginalNames"/>. Then the <c>.volsync/</c> folder is also listed first for
    /// <c>latest.json</c>'s millisecond <c>last_modified</c> (a download's <c>Last-Modified</c> header has whole
    /// seconds only), and each file's hash and size are kept; otherwise it is one GET.
    /// </summary>
    public async Task<CurrentRelease?> ReadLatestAsync(string remoteRoot, bool forOriginalNames, CancellationToken cancellationToken)
    {
        DateTimeOffset? modified = null;
        if (forOriginalNames)
        {
            RemoteEntry? entry = null;
            await foreach (var child in _store.ListDirectoryAsync(ReleaseLayout.VolSyncDirectory(remoteRoot), cancellationToken).ConfigureAwait(false))
            {
                if (!child.IsDirectory && string.Equals(child.Name, ReleaseLayout.LatestFileName, StringComparison.Ordinal))
                {
                    entry = child;
                }
            }

            if (entry is null)
            {
                return null;
            }

            modified = entry.LastModified;
        }

        var path = ReleaseLayout.LatestPath(remoteRoot);
        var stream = await _store.TryOpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            using var reader = new CurrentRelease.Reader(path, withFiles: forOriginalNames);
            var parser = new ManifestParser(reader);
            try
            {
                await parser.ParseAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw ManifestJson.NotJson(ex, path);
            }

            if (reader.Finish(parser.Fields, modified) is { } current)
            {
                return current;
            }
        }

        // Not the shape VolSync writes: read whole, which reports any problem exactly.
        var manifest = await TryReadAsync(path, remoteRoot, cancellationToken).ConfigureAwait(false);
        return manifest is null ? null : CurrentRelease.Of(manifest, forOriginalNames, modified);
    }

    /// <summary>The release <paramref name="releaseId"/>, or the latest when null. Throws VOLSYNC1203/1204 when it is not there.</summary>
    public async Task<ReleaseManifest> ReadAsync(string remoteRoot, string? releaseId, CancellationToken cancellationToken)
    {
        if (releaseId is null)
        {
            return await TryReadAsync(ReleaseLayout.LatestPath(remoteRoot), remoteRoot, cancellationToken).ConfigureAwait(false)
                ?? throw DiagnosticCodes.NoReleases.ToException(remoteRoot);
        }

        if (!ReleaseId.IsValid(releaseId))
        {
            throw DiagnosticCodes.ReleaseIdInvalid.ToException(releaseId);
        }

        var manifest = await TryReadAsync(ReleaseLayout.ManifestPath(remoteRoot, releaseId), remoteRoot, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            // The latest release may be known only from latest.json (its releases/ copy deleted by hand).
            var latest = await TryReadAsync(ReleaseLayout.LatestPath(remoteRoot), remoteRoot, cancellationToken).ConfigureAwait(false);
            manifest = latest is not null && latest.Id == releaseId ? latest : null;
        }

        return manifest ?? throw DiagnosticCodes.ReleaseNotFound.ToException(releaseId, remoteRoot);
    }

    /// <summary>The manifest at <paramref name="path"/>, or null when no file is there. Invalid content throws VOLSYNC1200–1202.</summary>
    public async Task<ReleaseManifest?> TryReadAsync(string path, string remoteRoot, CancellationToken cancellationToken)
    {
        var stream = await _store.TryOpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            return await ManifestJson.ReadAsync(stream, path, remoteRoot, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The ids of the manifests in <c>releases/</c>, newest first; other names there are not VolSync's and are ignored.</summary>
    public async Task<IReadOnlyList<string>> ListIdsAsync(string remoteRoot, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var entry in _store.ListDirectoryAsync(ReleaseLayout.ReleasesDirectory(remoteRoot), cancellationToken).ConfigureAwait(false))
        {
            if (!entry.IsDirectory && ReleaseLayout.ReleaseIdOfFileName(entry.Name) is { } id)
            {
                ids.Add(id);
            }
        }

        ids.Sort((a, b) => string.CompareOrdinal(b, a));
        return ids;
    }

    /// <summary>
    /// Every manifest of <c>releases/</c> (read several at a time), newest first, each with its manifest or why it
    /// could not be read, and the latest release. A latest release whose <c>releases/</c> copy is gone is listed
    /// from <c>latest.json</c>.
    /// </summary>
    public async Task<RootReleases> ReadAllAsync(string remoteRoot, int parallelism, CancellationToken cancellationToken)
    {
        var latestTask = TryReadAsync(ReleaseLayout.LatestPath(remoteRoot), remoteRoot, cancellationToken);
        var ids = await ListIdsAsync(remoteRoot, cancellationToken).ConfigureAwait(false);
        var entries = new StoredRelease[ids.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), options, async (index, ct) =>
        {
            var path = ReleaseLayout.ManifestPath(remoteRoot, ids[index]);
            try
            {
                var manifest = await TryReadAsync(path, remoteRoot, ct).ConfigureAwait(false);
                entries[index] = manifest is null
                    ? new StoredRelease(ids[index], path, null, DiagnosticCodes.ReleaseNotFound.ToException(ids[index], remoteRoot))
                    : manifest.Id == ids[index]
                        ? new StoredRelease(ids[index], path, manifest, null)
                        : new StoredRelease(ids[index], path, null, DiagnosticCodes.ManifestInvalid.ToException(path, $"its id is '{manifest.Id}', not the id in its name"));
            }
            catch (VolSyncException ex)
            {
                entries[index] = new StoredRelease(ids[index], path, null, ex);
            }
        }).ConfigureAwait(false);

        var latest = await latestTask.ConfigureAwait(false);
        var all = entries.ToList();
        if (latest is not null && !all.Any(e => e.Id == latest.Id))
        {
            all.Add(new StoredRelease(latest.Id, ReleaseLayout.LatestPath(remoteRoot), latest, null));
            all.Sort((a, b) => string.CompareOrdinal(b.Id, a.Id));
        }

        return new RootReleases(latest, all);
    }

    /// <summary>Writes <c>releases/&lt;id&gt;.json</c>, then the same bytes to <c>latest.json</c>, each streamed as it is serialized.</summary>
    public async Task WriteAsync(string remoteRoot, ManifestDocument release, CancellationToken cancellationToken)
    {
        await _store.UploadAsync(ReleaseLayout.ManifestPath(remoteRoot, release.Header.Id), Content(release), release.Length, overwrite: true, cancellationToken).ConfigureAwait(false);
        await _store.UploadAsync(ReleaseLayout.LatestPath(remoteRoot), Content(release), release.Length, overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <c>latest.json</c> again with the same release, which moves its server time to now.</summary>
    public Task RewriteLatestAsync(string remoteRoot, ManifestDocument release, CancellationToken cancellationToken) =>
        _store.UploadAsync(ReleaseLayout.LatestPath(remoteRoot), Content(release), release.Length, overwrite: true, cancellationToken);

    private static Func<CancellationToken, ValueTask<Stream>> Content(ManifestDocument release) =>
        _ => ValueTask.FromResult(release.OpenRead());
}
