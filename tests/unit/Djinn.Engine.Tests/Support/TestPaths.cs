namespace Djinn.Engine.Tests.Support;

/// <summary>Locations the tests read: the repository root and the spec suite beside it. Missing folders fail loudly.</summary>
internal static class TestPaths
{
    /// <summary>The folder holding Djinn.slnx.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// The WebAssembly 2.0 spec suite: <c>DJINN_SPEC_SUITE</c> if set, else <c>../shared/wasm-spec-2.0</c> relative to the repository.
    /// </summary>
    public static string SpecSuite { get; } = FindSpecSuite();

    /// <summary>Built guest examples (<c>examples/wasm</c>).</summary>
    public static string ExampleModules => Path.Combine(RepositoryRoot, "examples", "wasm");

    /// <summary>A file under this test project's source folder, e.g. <c>Sandbox/Fixtures/spin.wat</c>.</summary>
    public static string TestSource(string relativePath) =>
        Path.Combine(RepositoryRoot, "tests", "unit", "Djinn.Engine.Tests", relativePath);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Djinn.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Djinn.slnx above {AppContext.BaseDirectory}");
    }

    private static string FindSpecSuite()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DJINN_SPEC_SUITE");
        var path = !string.IsNullOrEmpty(fromEnvironment)
            ? fromEnvironment
            : Path.GetFullPath(Path.Combine(FindRepositoryRoot(), "..", "shared", "wasm-spec-2.0"));
        if (!Directory.Exists(path)) throw new InvalidOperationException($"spec suite not found at {path}");
        return path;
    }
}
