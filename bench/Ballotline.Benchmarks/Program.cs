using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Ballotline.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Ballotline.Benchmarks.CryptoBenchmarks).Assembly).Run(args);
