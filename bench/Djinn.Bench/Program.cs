using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Djinn.Bench.InvocationBenchmarks).Assembly).Run(args);
