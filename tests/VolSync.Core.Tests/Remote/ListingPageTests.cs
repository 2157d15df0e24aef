using System.Text;
using System.Text.Json;
using VolSync.Remote.Databricks;

namespace VolSync.Core.Tests.Remote;

/// <summary>Listing pages read with Utf8JsonReader (issue 12.9) are as tolerant as the services require.</summary>
public sealed class ListingPageTests
{
    private const string Dir = "/Volumes/c/s/v/d";

    private static ListingPage Parse(string json) => ListingPage.Parse(Encoding.UTF8.GetBytes(json), Dir);

    [Fact]
    public void Entries_take_every_field_the_services_send_in_any_form_and_ignore_the_rest()
    {
        var page = Parse("""
            {"future":{"x":[1,{"y":2}]},"contents":[
              {"path":"/Volumes/c/s/v/d/a_0123.txt","name":"a_0123.txt","file_size":18,"last_modified":1796184187616,"extra":[true]},
              {"path":"/Volumes/c/s/v/d/sub/","is_directory":true,"file_size":99},
              {"name":"big.bin","file_size":"5368709120","last_modified":"1000"},
              {"path":"/Volumes/c/s/v/d/odd","is_directory":false,"file_size":1.5},
              7
            ],"next_page_token":"t2"}
            """);

        Assert.Equal("t2", page.NextPageToken);
        Assert.Equal(4, page.Entries.Count);
        var a = page.Entries[0];
        Assert.Equal(("/Volumes/c/s/v/d/a_0123.txt", "a_0123.txt", false, 18L), (a.Path, a.Name, a.IsDirectory, a.FileSize));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1796184187616), a.LastModified);
        var sub = page.Entries[1];
        Assert.Equal(("sub", true, 0L, (DateTimeOffset?)null), (sub.Name, sub.IsDirectory, sub.FileSize, sub.LastModified));
        var big = page.Entries[2];
        Assert.Equal((Dir + "/big.bin", 5368709120L, DateTimeOffset.FromUnixTimeMilliseconds(1000)), (big.Path, big.FileSize, big.LastModified!.Value));
        Assert.Equal(("odd", 0L), (page.Entries[3].Name, page.Entries[3].FileSize));
    }

    [Fact]
    public void A_page_without_contents_or_token_is_empty_and_the_last_contents_key_wins()
    {
        Assert.Empty(Parse("{}").Entries);
        Assert.Null(Parse("{\"next_page_token\":null}").NextPageToken);
        var twice = Parse("{\"contents\":[{\"name\":\"old\"}],\"contents\":[{\"name\":\"new\"}]}");
        Assert.Equal("new", Assert.Single(twice.Entries).Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"contents\":[")]
    [InlineData("{} {}")]
    [InlineData("<html>")]
    public void A_body_that_is_not_one_json_value_is_a_json_error(string body)
    {
        Assert.ThrowsAny<JsonException>(() => Parse(body));
    }
}
