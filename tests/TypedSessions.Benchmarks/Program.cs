using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/TypedSessions.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
