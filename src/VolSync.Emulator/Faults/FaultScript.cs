namespace VolSync.Emulator;

/// <summary>
/// Deterministic faults for tests: "fail the next N matching requests with this fault". Rules are consulted
/// in the order they were added; scripted faults win over random ones. Applies to Files and Unity Catalog calls,
/// and to OAuth and discovery requests when the rule names their path (e.g. <c>/oidc/v1/token</c>).
/// </summary>
public sealed class FaultScript
{
    private readonly object _gate = new();
    private readonly List<Rule> _rules = [];

    /// <summary>Fails the next <paramref name="count"/> requests that match the method (any when null) and whose decoded path contains <paramref name="pathContains"/> (any when null).</summary>
    public void FailNext(int count, FaultKind kind, string? method = null, string? pathContains = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            _rules.Add(new Rule(kind, method, pathContains) { Remaining = count });
        }
    }

    /// <summary>Scripted faults not yet used.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _rules.Sum(r => r.Remaining);
            }
        }
    }

    /// <summary>Forgets every pending scripted fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <param name="method">The request's method.</param>
    /// <param name="path">The request's decoded path.</param>
    /// <param name="pathRulesOnly">Only rules with a path (how OAuth and discovery requests are targeted: a rule without one never hits them).</param>
    internal FaultKind? Take(string method, string path, bool pathRulesOnly = false)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.Remaining > 0 &&
                    (!pathRulesOnly || rule.PathContains is not null) &&
                    (rule.Method is null || string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase)) &&
                    (rule.PathContains is null || path.Contains(rule.PathContains, StringComparison.Ordinal)))
                {
                    rule.Remaining--;
                    return rule.Kind;
                }
            }

            _rules.RemoveAll(r => r.Remaining == 0);
            return null;
        }
    }

    private sealed record Rule(FaultKind Kind, string? Method, string? PathContains)
    {
        public int Remaining { get; set; }
    }
}
