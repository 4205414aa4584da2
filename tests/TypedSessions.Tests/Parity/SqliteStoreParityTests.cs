using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TypedSessions.Sqlite;
using TypedSessions.Stores;

namespace TypedSessions.Tests.Parity;

/// <summary>Django's session tests against the SQLite store, on a throwaway database file per test.</summary>
public sealed class SqliteStoreParityTests : SessionParityTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"typedsessions-parity-{Guid.NewGuid():N}.db");

    protected override Func<IServiceProvider, ISessionRecordStore>? StoreFactory => provider => new SqliteSessionRecordStore(
        Options.Create(new SqliteSessionRecordStoreOptions { ConnectionString = $"Data Source={_path};Pooling=False" }),
        provider.GetRequiredService<TimeProvider>());

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
