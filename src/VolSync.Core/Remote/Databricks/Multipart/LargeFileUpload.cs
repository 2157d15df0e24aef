using System.Globalization;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks.Multipart;

/// <summary>
/// One file sent in parts, as the Databricks SDKs do it: <c>initiate-upload</c> opens a session, the session says
/// how (multipart to presigned URLs on AWS and Azure, one resumable URL on GCP), and a failure aborts the session
/// (best effort, bounded). When the workspace or its storage refuses before any part has landed, the file falls
/// back to one PUT if it fits in one (5000 MiB), else fails saying presigned URLs are needed.
/// </summary>
internal sealed class LargeFileUpload
{
    private static readonly TimeSpan AbortLimit = TimeSpan.FromSeconds(30);

    public LargeFileUpload(
        DatabricksClient client,
        CloudStorageTransport cloud,
        string filePath,
        Func<CancellationToken, ValueTask<Stream>> openContent,
        long length,
        bool overwrite,
        UploadSlots slots,
        PartLayout layout,
        PartRetry retry,
        ISyncLogger logger)
    {
        Client = client;
        Cloud = cloud;
        FilePath = filePath;
        OpenContent = openContent;
        Length = length;
        Overwrite = overwrite;
        Slots = slots;
        Layout = layout;
        Retry = retry;
        Logger = logger;
    }

    public DatabricksClient Client { get; }

    public CloudStorageTransport Cloud { get; }

    public string FilePath { get; }

    public Func<CancellationToken, ValueTask<Stream>> OpenContent { get; }

    public long Length { get; }

    public bool Overwrite { get; }

    public UploadSlots Slots { get; }

    public PartLayout Layout { get; }

    public PartRetry Retry { get; }

    public ISyncLogger Logger { get; }

    public async Task<UploadRoute> RunAsync(CancellationToken cancellationToken)
    {
        UploadSession session;
        try
        {
            session = await Client.InitiateUploadAsync(FilePath, Overwrite, cancellationToken).ConfigureAwait(false);
        }
        catch (DatabricksApiException ex) when (ex.StatusCode is not null)
        {
            // The workspace answered, and not with a session: nothing was opened, nothing to abort.
            return await FallBackAsync(ex, cancellationToken).ConfigureAwait(false);
        }

        IPartedUpload upload = session.Method == UploadMethod.Resumable
            ? new ResumableUpload(this, session)
            : new MultipartUpload(this, session);
        try
        {
            return await upload.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MultipartRefusedException refused)
        {
            await AbortAsync(upload).ConfigureAwait(false);
            return await FallBackAsync(refused.InnerException!, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await AbortAsync(upload).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>What a refusal said, short enough for one line: the request and the status, code and reason.</summary>
    public static string Describe(Exception refusal) => refusal switch
    {
        DatabricksApiException { StatusCode: { } status } api => string.Create(
            CultureInfo.InvariantCulture,
            $"{api.Operation} answered HTTP {(int)status}{(api.ErrorCode is null ? string.Empty : " " + api.ErrorCode)}{(api.Reason is null ? string.Empty : " [" + api.Reason + "]")}"),
        VolSyncException coded => coded.Message,
        _ => refusal.Message,
    };

    private async Task<UploadRoute> FallBackAsync(Exception refusal, CancellationToken cancellationToken)
    {
        var reason = Describe(refusal);
        if (Length > DatabricksClient.MaxSinglePutBytes)
        {
            throw DiagnosticCodes.PresignedUrlsRequired.ToException(refusal, FilePath, ByteSize.Format(Length), reason);
        }

        Logger.Log(SyncLogLevel.Debug, DiagnosticCodes.MultipartFellBack.Format(FilePath, reason), DiagnosticCodes.MultipartFellBack.Code);
        await Client.PutFileAsync(FilePath, OpenContent, Length, Overwrite, Slots, cancellationToken).ConfigureAwait(false);
        return UploadRoute.SinglePut;
    }

    /// <summary>Best effort, on its own short clock: a cancelled run still cleans up, and a broken one does not hang here.</summary>
    private async Task AbortAsync(IPartedUpload upload)
    {
        using var limit = new CancellationTokenSource(AbortLimit);
        try
        {
            await upload.AbortAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is VolSyncException or HttpRequestException or IOException or OperationCanceledException or TimeoutException)
        {
            // Some clouds cannot abort through a presigned URL; the storage discards unfinished uploads itself.
            Logger.Log(SyncLogLevel.Debug, $"Abort of the upload session for {FilePath} failed: {ex.Message}");
        }
    }
}

/// <summary>The two ways of sending parts a session can ask for.</summary>
internal interface IPartedUpload
{
    Task<UploadRoute> RunAsync(CancellationToken cancellationToken);

    /// <summary>Discards what was sent; called after any failure, including cancellation.</summary>
    Task AbortAsync(CancellationToken cancellationToken);
}
