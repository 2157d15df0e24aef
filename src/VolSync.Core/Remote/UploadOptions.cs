namespace VolSync.Remote;

/// <summary>How one upload is to be made: whether it may replace a file, when it goes in parts, and the budget of
/// transfers it shares with the rest of the sync.</summary>
public sealed record UploadOptions
{
    /// <summary>Files of at least this size go in parts by default: 50 MiB, as the Databricks SDKs do it.</summary>
    public const long DefaultMultipartThreshold = 50L * 1024 * 1024;

    /// <summary>Replace an existing file (<c>overwrite=true</c>); false answers 409 when one is there.</summary>
    public bool Overwrite { get; init; } = true;

    /// <summary>
    /// Files of at least this many bytes are sent in parts through presigned cloud-storage URLs, falling back to
    /// one PUT where the workspace does not allow them. Null turns multipart off: every file is one PUT.
    /// </summary>
    public long? MultipartThreshold { get; init; } = DefaultMultipartThreshold;

    /// <summary>
    /// The transfers in flight this upload may use (one per PUT, one per part), shared by every upload of a sync
    /// so parts of a large file and whole small files draw on the same budget. Null: the store's own.
    /// </summary>
    public UploadSlots? Slots { get; init; }
}
