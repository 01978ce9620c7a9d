using Djinn.Engine.Text;
using Xunit;

namespace Djinn.Engine.Tests.Text;

/// <summary>Tokens, comments and strings (https://webassembly.github.io/spec/core/text/lexical.html).</summary>
public sealed class TextLexerTests
{
    [Fact]
    public void Nested_block_comments_and_line_comments_are_skipped()
    {
        var nodes = Lexer.Parse("(; outer (; inner ;) still ;) (a ;; line\n b) (;;) c");
        Assert.Equal(2, nodes.Count);
        Assert.Equal(["a", "b"], nodes[0].Items.Select(n => n.Text));
        Assert.Equal("c", nodes[1].Text);
        Assert.Equal(2, nodes[0].Items[1].Line);
    }

    [Theory]
    [InlineData("a ;; comment\rb")]
    [InlineData("a ;; comment\r\nb")]
    [InlineData("a ;; comment\nb")]
    public void Line_comments_end_at_any_newline(string text) =>
        Assert.Equal(["a", "b"], Lexer.Parse(text).Select(n => n.Text));

    [Fact]
    public void String_escapes_produce_raw_bytes_and_utf8()
    {
        var node = Assert.Single(Lexer.Parse("\"\\t\\n\\r\\\"\\'\\\\\\u{41}\\u{1F600}\\ffé\""));
        Assert.Equal(
            [0x09, 0x0A, 0x0D, 0x22, 0x27, 0x5C, 0x41, 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0xC3, 0xA9],
            node.Bytes);
    }

    [Theory]
    [InlineData("\"abc")]
    [InlineData("\"\\u{D800}\"")]
    [InlineData("\"\\u{110000}\"")]
    [InlineData("\"\\x\"")]
    [InlineData("\"a\nb\"")]
    [InlineData("(; never closed")]
    [InlineData("a\"b\"")]
    [InlineData("\"a\"\"b\"")]
    [InlineData("(a))")]
    [InlineData("{")]
    public void Malformed_tokens_are_rejected(string text) =>
        Assert.Throws<TextParseException>(() => Lexer.Parse(text));

    [Fact]
    public void Ids_keywords_and_numbers_are_classified()
    {
        var nodes = Lexer.Parse("$x i32.add -1 0x10 nan:0x1");
        Assert.True(nodes[0].IsId);
        Assert.True(nodes[1].IsKeyword);
        Assert.True(nodes[2].IsNumber);
        Assert.True(nodes[3].IsNumber);
        Assert.True(nodes[4].IsKeyword);
    }
}
