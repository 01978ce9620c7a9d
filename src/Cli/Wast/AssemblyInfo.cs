using System.Runtime.CompilerServices;

// The unit tests exercise the runner's matching and formatting helpers directly.
[assembly: InternalsVisibleTo("Djinn.Engine.Tests")]
