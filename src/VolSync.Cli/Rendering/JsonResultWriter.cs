using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using VolSync.Diagnostics;
using VolSync.Naming;

namespace VolSync.Cli.Rendering;

/// <summary>
/// The <c>--json</c> documents: exactly one per run on stdout, camelCase, stable field names (scripts parse them).
/// Written by hand with <see cref="Utf8JsonWriter"/> so the shape is visible here and needs no reflection.
/// </summary>
internal static class JsonResultWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Paths and messages stay readable ('+' and non-ASCII names are common); the output is not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteResult(TextWriter target, SyncResult result, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(result);
        Write(target, json =>
        {
            json.WriteStartObject();
            json.WriteString("remoteRoot", result.RemoteRoot);
            json.WriteBoolean("dryRun", result.DryRun);
            json.WriteBoolean("succeeded", result.Succeeded);
            json.WriteNumber("exitCode", exitCode);
            json.WriteNumber("total", result.Files.Count);
            json.WriteNumber("uploaded", result.SuccessCount);
            json.WriteNumber("skipped", result.SkipCount);
            json.WriteNumber("failed", result.FailureCount);
            json.WriteNumber("wouldUpload", result.WouldUploadCount);
            json.WriteNumber("bytesUploaded", result.TotalBytesUploaded);
            json.WriteNumber("durationSeconds", Math.Round(result.Duration.TotalSeconds, 3));
            json.WriteString("naming", result.Naming.ToName());
            json.WriteString("releaseId", result.ReleaseId);
            json.WriteString("manifestPath", result.ManifestPath);
            json.WriteBoolean("releaseCreated", result.ReleaseCreated);
            json.WriteString("releaseError", result.ReleaseError);
            json.WriteString("releaseErrorCode", result.ReleaseErrorCode);
            json.WriteStartArray("files");
            foreach (var file in result.Files)
            {
                json.WriteStartObject();
                json.WriteString("localPath", file.LocalPath);
                json.WriteString("relativePath", file.RelativePath);
                json.WriteString("remotePath", file.RemotePath);
                json.WriteNumber("size", file.Size);
                json.WriteString("sha256", file.Sha256);
                json.WriteString("outcome", OutcomeName(file.Outcome));
                json.WriteString("error", file.Error);
                json.WriteString("errorCode", file.ErrorCode);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// A run that stopped before it had a result (bad configuration, authentication, cancel) still yields a document:
    /// <c>error</c> is the first finding, <c>errors</c> every one (invalid settings are reported all at once).
    /// </summary>
    public static void WriteError(TextWriter target, IReadOnlyList<Diagnostic> diagnostics, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        Write(target, json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("succeeded", false);
            json.WriteNumber("exitCode", exitCode);
            json.WritePropertyName("error");
            WriteDiagnostic(json, diagnostics[0]);
            json.WriteStartArray("errors");
            foreach (var diagnostic in diagnostics)
            {
                WriteDiagnostic(json, diagnostic);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WriteDiagnostic(Utf8JsonWriter json, Diagnostic diagnostic)
    {
        json.WriteStartObject();
        json.WriteString("code", diagnostic.Code);
        json.WriteString("message", diagnostic.Message);
        json.WriteEndObject();
    }

    public static void Write(TextWriter target, Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            body(json);
        }

        target.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        target.Flush();
    }

    /// <summary>An enum value as the documents spell it: camelCase (<c>WouldDelete</c> → <c>wouldDelete</c>).</summary>
    public static string EnumName<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static string OutcomeName(FileOutcome outcome) => outcome switch
    {
        FileOutcome.Uploaded => "uploaded",
        FileOutcome.Skipped => "skipped",
        FileOutcome.Failed => "failed",
        FileOutcome.WouldUpload => "wouldUpload",
        _ => outcome.ToString(),
    };
}
