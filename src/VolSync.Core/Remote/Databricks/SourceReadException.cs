namespace VolSync.Remote.Databricks;

/// <summary>Carries a failure of the local source through HttpClient, which wraps whatever the body throws.</summary>
internal sealed class SourceReadException : IOException
{
    public SourceReadException(Exception inner)
        : base(inner.Message, inner)
    {
    }
}
