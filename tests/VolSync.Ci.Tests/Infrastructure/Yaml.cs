using YamlDotNet.RepresentationModel;

namespace VolSync.Ci.Tests.Infrastructure;

/// <summary>Small helpers over YamlDotNet's representation model, failing the test with the path when a node is missing.</summary>
public static class Yaml
{
    public static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(path));
        stream.Load(reader);
        return Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
    }

    public static YamlNode? Get(this YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Map(this YamlMappingNode map, string key) =>
        Assert.IsType<YamlMappingNode>(map.Get(key) ?? throw new Xunit.Sdk.XunitException($"'{key}' is missing"));

    public static YamlSequenceNode Sequence(this YamlMappingNode map, string key) =>
        Assert.IsType<YamlSequenceNode>(map.Get(key) ?? throw new Xunit.Sdk.XunitException($"'{key}' is missing"));

    public static string? Text(this YamlMappingNode map, string key) => (map.Get(key) as YamlScalarNode)?.Value;

    public static string Scalar(this YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value ?? string.Empty;

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlMappingNode map) =>
        map.Children.Select(entry => (entry.Key.Scalar(), entry.Value));
}
