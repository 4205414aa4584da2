using TypedSessions.LoadApp;

// dotnet run -c Release --project bench/TypedSessions.LoadApp -- --sessions typed|aspnet|none --store memory|redis
//     [--redis 127.0.0.1:6379] [--typed-memory-store distributed|native] --urls http://127.0.0.1:5090
// bench/load.sh drives it with wrk; the configuration lives in LoadAppSetup, for in-process use too.
var app = LoadAppSetup.Build(args);
var options = app.Services.GetRequiredService<LoadAppOptions>();
app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"load app: {options.Describe()} on {string.Join(", ", app.Urls)}"));
await app.RunAsync();
