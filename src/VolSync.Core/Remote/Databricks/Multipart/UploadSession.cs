namespace VolSync.Remote.Databricks.Multipart;

/// <summary>What <c>initiate-upload</c> opened: parts to presigned URLs (AWS, Azure) or a resumable upload (GCP).</summary>
internal sealed record UploadSession(UploadMethod Method, string Token);
