using Xunit;
using Djinn.Engine.Binary;

namespace Djinn.Engine.Tests.Binary;

/// <summary>Runs every binary module of the spec suite (SIMD scripts included) through the decoder.</summary>
public sealed class SpecSuiteBinaryTests
{
    [Fact]
    public void Spec_suite_binary_modules_decode_or_fail_with_the_expected_cause()
    {
        var failures = new List<string>();
        foreach (var c in SpecBinaryCases.Load())
        {
            string where = $"{c.File}:{c.Line}";
            try
            {
                ModuleDecoder.Decode(c.Bytes);
                if (c.ExpectedMalformed is not null) failures.Add($"{where}: decoded, expected \"{c.ExpectedMalformed}\"");
            }
            catch (ModuleParseException e)
            {
                if (c.ExpectedMalformed is null) failures.Add($"{where}: unexpected \"{e.Cause}\" at {e.Offset}");
                else if (!e.Cause.StartsWith(c.ExpectedMalformed, StringComparison.Ordinal))
                    failures.Add($"{where}: \"{e.Cause}\" at {e.Offset}, expected \"{c.ExpectedMalformed}\"");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Spec_suite_contains_malformed_binary_cases()
    {
        var cases = SpecBinaryCases.Load();
        int malformed = 0;
        foreach (var c in cases) if (c.ExpectedMalformed is not null) malformed++;
        Assert.True(malformed > 100, $"only {malformed} malformed cases extracted");
    }
}
