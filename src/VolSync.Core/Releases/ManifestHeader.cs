using VolSync.Naming;

namespace VolSync.Releases;

/// <summary>Everything of a manifest but its files (SPEC §8), in the order the keys are written.</summary>
internal sealed record ManifestHeader(string Id, DateTimeOffset Created, string Tool, NamingMode Naming, int HashLength, ReleaseSource? Source);
