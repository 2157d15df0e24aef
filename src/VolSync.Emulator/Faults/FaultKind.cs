namespace VolSync.Emulator;

/// <summary>What a scripted or random fault does to a request.</summary>
public enum FaultKind
{
    /// <summary>429 REQUEST_LIMIT_EXCEEDED with Retry-After.</summary>
    Status429,

    /// <summary>500 INTERNAL_ERROR.</summary>
    Status500,

    /// <summary>502 Bad Gateway (as a proxy in front of the service would answer).</summary>
    Status502,

    /// <summary>503 TEMPORARILY_UNAVAILABLE.</summary>
    Status503,

    /// <summary>504 Gateway Timeout.</summary>
    Status504,

    /// <summary>The connection is cut mid-body: part of the request body is read (or part of the response sent), then the connection is aborted.</summary>
    Drop,

    /// <summary>The whole request body is read and discarded, then the connection is cut before any answer (a server that failed after receiving everything).</summary>
    DropAfterBody,

    /// <summary>A list call (directory listing or Unity Catalog list) answers a page with no items and a <c>next_page_token</c> that resumes where it was; other requests are unaffected.</summary>
    EmptyPage,
}
