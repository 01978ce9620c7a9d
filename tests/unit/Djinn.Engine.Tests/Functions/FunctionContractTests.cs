using System.Text;
using System.Text.Json;
using Djinn.Engine.Functions;

namespace Djinn.Engine.Tests.Functions;

public sealed class FunctionContractTests
{
    private static FunctionRequest Request(byte[] body) => new("GET", "/fn/contract/some/path?x=1", "/some/path", "x=1",
        new Dictionary<string, string[]> { ["accept"] = ["a", "b"] }, body, "127.0.0.1", "00-abc-def-01");

    [Fact]
    public void The_request_object_carries_every_contract_field()
    {
        using var json = JsonDocument.Parse(FunctionContract.WriteRequest(Request(Encoding.UTF8.GetBytes("hi")), "contract", 3));
        var root = json.RootElement;

        Assert.Equal("GET", root.GetProperty("method").GetString());
        Assert.Equal("/fn/contract/some/path?x=1", root.GetProperty("uri").GetString());
        Assert.Equal("/some/path", root.GetProperty("path").GetString());
        Assert.Equal("x=1", root.GetProperty("query").GetString());
        Assert.Equal("b", root.GetProperty("headers").GetProperty("accept")[1].GetString());
        Assert.Equal("hi", root.GetProperty("body").GetString());
        Assert.Equal("utf8", root.GetProperty("body_encoding").GetString());
        Assert.Equal("127.0.0.1", root.GetProperty("remote_addr").GetString());
        Assert.Equal("00-abc-def-01", root.GetProperty("trace_id").GetString());
        Assert.Equal("contract", root.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(3, root.GetProperty("function").GetProperty("version").GetInt32());
    }

    [Fact]
    public void A_binary_body_is_sent_as_base64()
    {
        using var json = JsonDocument.Parse(FunctionContract.WriteRequest(Request([0xff, 0x00, 0xfe]), "f", 1));

        Assert.Equal("base64", json.RootElement.GetProperty("body_encoding").GetString());
        Assert.Equal(new byte[] { 0xff, 0x00, 0xfe }, json.RootElement.GetProperty("body").GetBytesFromBase64());
    }

    [Theory]
    [InlineData("{}", 200, "")]
    [InlineData("{\"status\":404,\"body\":\"nope\"}", 404, "nope")]
    [InlineData("{\"body\":\"aGk=\",\"body_encoding\":\"base64\"}", 200, "hi")]
    [InlineData("{\"body_encoding\":\"base64\",\"body\":\"aGk=\"}", 200, "hi")]
    [InlineData("{\"body\":\"a\\\"b\\n\\u00e9\\ud83d\\ude00\"}", 200, "a\"b\n\u00e9\U0001F600")]
    [InlineData("{\"status\":500,\"status\":201,\"body\":\"x\",\"body\":\"y\"}", 201, "y")]
    [InlineData("{\"extra\":{\"deep\":[1,{\"a\":null}]},\"status\":202,\"body\":null}", 202, "")]
    [InlineData("{\"status\":200} trailing text is not read", 200, "")]
    public void A_valid_response_is_read_with_status_200_by_default(string output, int status, string body)
    {
        Assert.True(FunctionContract.TryReadResponse(Encoding.UTF8.GetBytes(output), out var response, out _));
        Assert.Equal(status, response!.Status);
        Assert.Equal(body, Encoding.UTF8.GetString(response.Body));
    }

    [Theory]
    [InlineData("", "no response")]
    [InlineData("[1]", "JSON object")]
    [InlineData("{\"status\":99}", "\"status\"")]
    [InlineData("{\"status\":\"200\"}", "\"status\"")]
    [InlineData("{\"headers\":[]}", "\"headers\"")]
    [InlineData("{\"headers\":{\"a\":[1]}}", "header \"a\"")]
    [InlineData("{\"body\":5}", "\"body\"")]
    [InlineData("{\"body\":\"!!\",\"body_encoding\":\"base64\"}", "base64")]
    [InlineData("{\"body\":\"x\",\"body_encoding\":\"rot13\"}", "rot13")]
    [InlineData("{\"status\":200", "not valid JSON")]
    [InlineData("{\"status\":99,\"body\":\"x\",", "not valid JSON")]
    [InlineData("{\"body\":5,\"status\":99}", "\"status\"")]
    [InlineData("{\"headers\":{\"a\":[1]},\"body\":5}", "header \"a\"")]
    [InlineData("{\"x\":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]}", "not valid JSON")]
    [InlineData("{\"body\":\"\\ud800\"}", "not valid JSON")]
    public void An_invalid_response_is_rejected_with_a_precise_message(string output, string expected)
    {
        Assert.False(FunctionContract.TryReadResponse(Encoding.UTF8.GetBytes(output), out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Headers_keep_every_value_and_a_later_duplicate_name_replaces_an_earlier_one()
    {
        var output = "{\"headers\":{\"X-One\":\"1\",\"x-many\":[\"a\",\"b\"],\"X-ONE\":[\"2\"]}}"u8.ToArray();

        Assert.True(FunctionContract.TryReadResponse(output, out var response, out _));

        Assert.Equal(["2"], response!.Headers["x-one"]);
        Assert.Equal(["a", "b"], response.Headers["X-Many"]);
        Assert.Equal(2, response.Headers.Count);
    }
}
