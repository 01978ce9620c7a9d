using BenchmarkDotNet.Running;

// As the server runs: guard-page traps on (BenchmarkDotNet's child processes inherit the environment).
Djinn.Engine.GuardPageTraps.RelaunchIfNeeded();

BenchmarkSwitcher.FromAssembly(typeof(Djinn.Bench.InvocationBenchmarks).Assembly).Run(args);
