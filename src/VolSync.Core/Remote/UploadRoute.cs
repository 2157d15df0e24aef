using System.Globalization;
using VolSync.Diagnostics;

namespace VolSync.Remote;

/// <summary>How a file travels to the volume.</summary>
public enum UploadMethod
{
    /// <summary>One streamed <c>PUT</c> to the Files API.</summary>
    SinglePut,

    /// <summary>Parts sent in parallel to presigned cloud-storage URLs, then assembled (AWS and Azure workspaces).</summary>
    Multipart,

    /// <summary>Chunks sent one after another to a resumable-upload URL (GCP workspaces).</summary>
    Resumable,
}

/// <summary>The way one file is (or was) uploaded: the method and, when in parts, their size and number.</summary>
/// <param name="Method">Single PUT, multipart or resumable.</param>
/// <param name="PartSize">Bytes per part (the last one may be smaller); 0 for a single PUT.</param>
/// <param name="PartCount">Parts or chunks; 1 for a single PUT.</param>
public sealed record UploadRoute(UploadMethod Method, long PartSize = 0, int PartCount = 1)
{
    public static readonly UploadRoute SinglePut = new(UploadMethod.SinglePut);

    /// <summary>True for multipart and resumable uploads.</summary>
    public bool InParts => Method != UploadMethod.SinglePut;

    /// <summary>For log lines: <c>one PUT</c>, <c>multipart, 8 parts of 16 MiB</c>.</summary>
    public override string ToString() => Method switch
    {
        UploadMethod.SinglePut => "one PUT",
        UploadMethod.Resumable => string.Create(CultureInfo.InvariantCulture, $"resumable, {PartCount} chunk{(PartCount == 1 ? string.Empty : "s")} of {ByteSize.Format(PartSize)}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"multipart, {PartCount} part{(PartCount == 1 ? string.Empty : "s")} of {ByteSize.Format(PartSize)}"),
    };
}
