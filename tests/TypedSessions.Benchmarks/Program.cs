using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/TypedSessions.Benchmarks -- --filter '*'
// (the generator and analyzers alone: --filter '*Generation*' --job short)
// (The assembly is named through a benchmark type: the referenced load app also declares a Program.)
BenchmarkSwitcher.FromAssembly(typeof(TypedSessions.Benchmarks.Merging.MergeCostBenchmarks).Assembly).Run(args);
