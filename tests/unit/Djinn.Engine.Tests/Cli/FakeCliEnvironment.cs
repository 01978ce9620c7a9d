using System.Text;
using Djinn.Cli.Commands;

namespace Djinn.Engine.Tests.Cli;

/// <summary>Captures everything djinn and the guest write; the guest's stdin is a fixed text.</summary>
internal sealed class FakeCliEnvironment : ICliEnvironment
{
    private readonly MemoryStream _stdin;

    public FakeCliEnvironment(string stdin = "")
    {
        _stdin = new MemoryStream(Encoding.UTF8.GetBytes(stdin));
    }

    public TextWriter Out { get; } = new StringWriter();

    public TextWriter Error { get; } = new StringWriter();

    public MemoryStream GuestOut { get; } = new();

    public MemoryStream GuestError { get; } = new();

    public string OutText => Out.ToString()!;

    public string ErrorText => Error.ToString()!;

    public string GuestOutText => Encoding.UTF8.GetString(GuestOut.ToArray());

    public Stream OpenStandardInput() => _stdin;

    public Stream OpenStandardOutput() => GuestOut;

    public Stream OpenStandardError() => GuestError;
}
