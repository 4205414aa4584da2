using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.RedisCluster;

/// <summary>Failover on a cluster with Redis's default <c>cluster-require-full-coverage yes</c>: every session may fail until the promotion.</summary>
public sealed class RedisClusterFailoverWithFullCoverageTests(RedisClusterFixture cluster, ITestOutputHelper output)
    : RedisClusterFailoverTests(cluster, output, requireFullCoverage: true), IClassFixture<RedisClusterFixture>;
