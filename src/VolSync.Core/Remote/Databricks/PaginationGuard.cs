using System.Globalization;
using VolSync.Diagnostics;

namespace VolSync.Remote.Databricks;

/// <summary>
/// Ends a listing that would never end. Pages may be empty and still carry a token (Unity Catalog documents it), so
/// the token alone decides whether to go on; but a token handed out a second time would repeat the same pages
/// forever, and a long run of empty pages means far more pages than the entries justify (every page that is not
/// empty holds at least one entry). Either is reported as a coded error instead of looping.
/// </summary>
internal sealed class PaginationGuard
{
    /// <summary>Empty pages in a row that are still believed; real lists filter by permission and may skip a lot.</summary>
    public const int DefaultMaxEmptyPagesInARow = 1000;

    private readonly string _operation;
    private readonly string _path;
    private readonly int _maxEmptyPagesInARow;
    private readonly Dictionary<string, int> _tokens = new(StringComparer.Ordinal);
    private int _pages;
    private long _entries;
    private int _emptyInARow;

    public PaginationGuard(string operation, string path, int maxEmptyPagesInARow)
    {
        _operation = operation;
        _path = path;
        _maxEmptyPagesInARow = maxEmptyPagesInARow > 0 ? maxEmptyPagesInARow : DefaultMaxEmptyPagesInARow;
    }

    /// <summary>Records one page; throws when the next one should not be requested. True when there is a next page.</summary>
    public bool Continue(int entries, string? nextPageToken)
    {
        _pages++;
        _entries += entries;
        _emptyInARow = entries == 0 ? _emptyInARow + 1 : 0;
        if (string.IsNullOrEmpty(nextPageToken))
        {
            return false;
        }

        if (!_tokens.TryAdd(nextPageToken, _pages))
        {
            throw Runaway(string.Create(CultureInfo.InvariantCulture, $"page {_pages} returned the same next_page_token as page {_tokens[nextPageToken]}"));
        }

        if (_emptyInARow >= _maxEmptyPagesInARow)
        {
            throw Runaway(string.Create(CultureInfo.InvariantCulture, $"{_emptyInARow} pages in a row had no entries and still asked for more"));
        }

        return true;
    }

    private DatabricksApiException Runaway(string what)
    {
        var message = DiagnosticCodes.RemotePaginationRunaway.Format(_operation, _path, what, _pages, _entries);
        return new DatabricksApiException(DiagnosticCodes.RemotePaginationRunaway.Code, message, _operation, _path);
    }
}
