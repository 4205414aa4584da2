using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.RedisCluster;

/// <summary>Failover on a cluster that serves the slots it still covers (<c>cluster-require-full-coverage no</c>): the other primaries' sessions never fail.</summary>
public sealed class RedisClusterFailoverWithPartialCoverageTests(RedisClusterFixture cluster, ITestOutputHelper output)
    : RedisClusterFailoverTests(cluster, output, requireFullCoverage: false), IClassFixture<RedisClusterFixture>;
