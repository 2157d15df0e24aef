namespace VolSync.Emulator;

/// <summary>Which large-file upload flow the emulator offers, as workspaces on the three clouds do.</summary>
public enum MultipartMode
{
    /// <summary>AWS and Azure workspaces: parts PUT to presigned URLs, then <c>complete-upload</c> with their ETags.</summary>
    Aws,

    /// <summary>GCP workspaces: one resumable-upload URL fed with <c>Content-Range</c> chunks.</summary>
    Gcp,

    /// <summary>Presigned URLs disabled: sessions open, but URL requests answer 403 <c>FILES_API_API_IS_NOT_ENABLED</c>.</summary>
    Off,
}
