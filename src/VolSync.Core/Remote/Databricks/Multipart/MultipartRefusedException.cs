namespace VolSync.Remote.Databricks.Multipart;

/// <summary>
/// The workspace or its cloud storage would not take the file in parts before any part landed (no presigned URL,
/// a storage firewall): the upload is aborted and, where the size allows, sent as one PUT instead.
/// </summary>
internal sealed class MultipartRefusedException(Exception reason) : Exception(reason.Message, reason);
