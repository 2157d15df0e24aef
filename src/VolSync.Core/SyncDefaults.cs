namespace VolSync;

/// <summary>
/// Every named default and limit of a sync, in one place. <see cref="SyncConfig"/>, the Databricks client options,
/// the MSBuild task and the CLI read them from here; the targets and the docs do not restate them.
/// </summary>
public static class SyncDefaults
{
    /// <summary>Uploads in flight (SPEC §3, the seed's value); the Files API allows about 10 concurrent requests.</summary>
    public const int MaxConcurrentUploads = 5;

    /// <summary>The lowest <see cref="SyncConfig.MaxConcurrentUploads"/>.</summary>
    public const int MinConcurrentUploads = 1;

    /// <summary>The highest <see cref="SyncConfig.MaxConcurrentUploads"/>.</summary>
    public const int MaxConcurrentUploadsLimit = 64;

    /// <summary>Hex digits of the SHA-256 in remote names (SPEC §1).</summary>
    public const int HashLength = 16;

    /// <summary>The shortest hash in a remote name.</summary>
    public const int MinHashLength = 8;

    /// <summary>The longest hash in a remote name: the whole SHA-256.</summary>
    public const int MaxHashLength = 64;

    /// <summary>Entries per listing page: the most the Files and Unity Catalog APIs return.</summary>
    public const int ListPageSize = 1000;

    /// <summary>How long one remote operation may keep retrying (429, 503, connection failures) before it fails.</summary>
    public static TimeSpan RetryBudget { get; } = TimeSpan.FromMinutes(5);

    /// <summary>A request with no progress for this long is abandoned and retried.</summary>
    public static TimeSpan InactivityTimeout { get; } = TimeSpan.FromSeconds(60);
}
