namespace VolSync.Remote;

internal static class VolumeCatalogExtensions
{
    /// <summary>
    /// One request when the volume exists; otherwise finds the first missing level, so hosts can say precisely
    /// what to create (VOLSYNC1150–1152) instead of a bare "not found".
    /// </summary>
    public static async Task<VolumeStatus> GetVolumeStatusAsync(this IVolumeCatalog catalog, VolumeLocation location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(location);
        if (await catalog.GetVolumeAsync(location.Catalog, location.Schema, location.Volume, cancellationToken).ConfigureAwait(false) is not null)
        {
            return VolumeStatus.Exists;
        }

        return await GetSchemaStatusAsync(catalog, location.Catalog, location.Schema, cancellationToken).ConfigureAwait(false) ?? VolumeStatus.VolumeMissing;
    }

    /// <summary>Null when the schema exists, else which level is missing.</summary>
    public static async Task<VolumeStatus?> GetSchemaStatusAsync(this IVolumeCatalog catalog, string catalogName, string schemaName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!await catalog.CatalogExistsAsync(catalogName, cancellationToken).ConfigureAwait(false))
        {
            return VolumeStatus.CatalogMissing;
        }

        if (!await catalog.SchemaExistsAsync(catalogName, schemaName, cancellationToken).ConfigureAwait(false))
        {
            return VolumeStatus.SchemaMissing;
        }

        return null;
    }
}
