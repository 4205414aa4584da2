using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>Instances on one Redis server, under one key prefix and user index prefix, each over a connection of its own.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisMultiInstanceTests(RedisServerFixture redis, ITestOutputHelper output) : MultiInstanceTests(output)
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private readonly string _userIndexPrefix = RedisServerFixture.NewUserIndexPrefix();

    protected override string StoreName => "Redis";

    protected override void EnsureAvailable() => redis.EnsureAvailable();

    protected override void AddStore(TypedSessionsBuilder sessions, int instance)
        => sessions.AddRedisStore(redis.Configuration, options => (options.KeyPrefix, options.UserIndexKeyPrefix) = (_prefix, _userIndexPrefix));
}
