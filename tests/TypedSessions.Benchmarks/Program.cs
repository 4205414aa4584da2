using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/TypedSessions.Benchmarks -- --filter '*'
// (The assembly is named through a benchmark type: the referenced load app also declares a Program.)
BenchmarkSwitcher.FromAssembly(typeof(TypedSessions.Benchmarks.Merging.MergeCostBenchmarks).Assembly).Run(args);
