using System.Text;

namespace VolSync.Emulator.Faults;

/// <summary>
/// The empty-page fault of list calls (directory listings and Unity Catalog lists): instead of a page, the answer
/// has no items and a <c>next_page_token</c>, as the Unity Catalog docs say real list calls may do. The token wraps
/// the one the client sent, so the next request resumes exactly there; a counter keeps every token new, since a
/// real server never hands out the same token twice.
/// </summary>
internal sealed class EmptyPages
{
    private const string Prefix = "emu-empty.";
    private const string ScriptedKey = "volsync.empty-page";

    private readonly EmulatorOptions _options;
    private readonly FaultDice _dice;
    private long _issued;

    public EmptyPages(EmulatorOptions options, FaultDice dice)
    {
        _options = options;
        _dice = dice;
    }

    /// <summary>Marks the request for an empty page (a scripted <see cref="FaultKind.EmptyPage"/>).</summary>
    public static void Script(HttpContext context) => context.Items[ScriptedKey] = true;

    /// <summary>Whether this list request gets an empty page: scripted, or drawn at <see cref="EmulatorOptions.EmptyPages"/>.</summary>
    public bool Insert(HttpContext context) => context.Items.ContainsKey(ScriptedKey) || _dice.Chance(_options.EmptyPages);

    /// <summary>A fresh token that resumes at <paramref name="pageToken"/> (null: the first page).</summary>
    public string Wrap(string? pageToken)
    {
        var number = Interlocked.Increment(ref _issued);
        var text = $"{number}:{pageToken}";
        return Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The page token the list call itself understands: unwrapped when it came from an empty page.</summary>
    public static string? Unwrap(string? pageToken)
    {
        if (pageToken is null || !pageToken.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return pageToken;
        }

        var base64 = pageToken[Prefix.Length..].Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            // Not one of ours after all: let the list call reject it as it rejects any bad token.
            return pageToken;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var inner = colon < 0 ? text : text[(colon + 1)..];
        return inner.Length == 0 ? null : inner;
    }
}
