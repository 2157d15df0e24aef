using VolSync.Diagnostics;

namespace VolSync.Remote;

/// <summary>What <see cref="VolumePreflight"/> found or did.</summary>
public enum VolumePreflightOutcome
{
    /// <summary>The volume was already there.</summary>
    Exists,

    /// <summary>The volume was created now.</summary>
    Created,

    /// <summary>Dry run: the volume is missing and would be created.</summary>
    WouldBeCreated,
}

/// <param name="Outcome">What was found or done.</param>
/// <param name="Volume">The volume when it was read or created (null when only its existence was checked, and in a dry run).</param>
public sealed record VolumePreflightResult(VolumePreflightOutcome Outcome, VolumeInfo? Volume = null);

/// <summary>
/// The one check (and create) of catalog → schema → volume before anything is read or written, for every host:
/// a missing level is named precisely (VOLSYNC1150–1152), and a create that loses a race to a concurrent create
/// (ALREADY_EXISTS, VOLSYNC1010) is success, because the goal is reached.
/// </summary>
public static class VolumePreflight
{
    /// <summary>
    /// Before a sync: the target volume exists, or is created when <paramref name="createIfMissing"/> (a dry run
    /// only says it would be). Throws VOLSYNC1150/1151/1152 naming the first missing level otherwise.
    /// </summary>
    /// <param name="names">Names the create setting in the VOLSYNC1152 advice (<c>--create-volume</c>, <c>VolSyncCreateVolume</c>).</param>
    public static async Task<VolumePreflightResult> EnsureVolumeAsync(IVolumeCatalog catalog, VolumeLocation location, bool createIfMissing, bool dryRun, SettingNames? names = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(location);
        switch (await catalog.GetVolumeStatusAsync(location, cancellationToken).ConfigureAwait(false))
        {
            case VolumeStatus.Exists:
                return new VolumePreflightResult(VolumePreflightOutcome.Exists);
            case VolumeStatus.CatalogMissing:
                throw DiagnosticCodes.CatalogNotFound.ToException(location.Catalog);
            case VolumeStatus.SchemaMissing:
                throw DiagnosticCodes.SchemaNotFound.ToException(location.Catalog, location.Schema);
        }

        if (!createIfMissing)
        {
            throw DiagnosticCodes.VolumeNotFound.ToException(location.Catalog, location.Schema, location.Volume, (names ?? SettingNames.Library).CreateVolume);
        }

        if (dryRun)
        {
            return new VolumePreflightResult(VolumePreflightOutcome.WouldBeCreated);
        }

        return await CreateAsync(catalog, new CreateVolumeRequest(location.Catalog, location.Schema, location.Volume), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a volume unless it exists (then returns it, <see cref="VolumePreflightOutcome.Exists"/>). The catalog
    /// and schema must exist (VOLSYNC1150/1151 otherwise).
    /// </summary>
    public static async Task<VolumePreflightResult> CreateVolumeAsync(IVolumeCatalog catalog, CreateVolumeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(request);
        if (await catalog.GetVolumeAsync(request.Catalog, request.Schema, request.Name, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new VolumePreflightResult(VolumePreflightOutcome.Exists, existing);
        }

        switch (await catalog.GetSchemaStatusAsync(request.Catalog, request.Schema, cancellationToken).ConfigureAwait(false))
        {
            case VolumeStatus.CatalogMissing:
                throw DiagnosticCodes.CatalogNotFound.ToException(request.Catalog);
            case VolumeStatus.SchemaMissing:
                throw DiagnosticCodes.SchemaNotFound.ToException(request.Catalog, request.Schema);
        }

        return await CreateAsync(catalog, request, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<VolumePreflightResult> CreateAsync(IVolumeCatalog catalog, CreateVolumeRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return new VolumePreflightResult(VolumePreflightOutcome.Created, await catalog.CreateVolumeAsync(request, cancellationToken).ConfigureAwait(false));
        }
        catch (VolSyncException ex) when (ex.Code == DiagnosticCodes.VolumeAlreadyExists.Code)
        {
            // Someone else created it between our check and our request: the goal is reached.
            var existing = await catalog.GetVolumeAsync(request.Catalog, request.Schema, request.Name, cancellationToken).ConfigureAwait(false);
            return new VolumePreflightResult(VolumePreflightOutcome.Exists, existing);
        }
    }
}
