using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TypedSessions.Redis;

/// <summary>
/// Rejects options the store cannot work with: a prefix that would mix sessions into the whole keyspace or pin them to
/// one cluster slot, a session prefix and a user index prefix that overlap, a configuration string StackExchange.Redis
/// cannot parse, or no connection at all.
/// </summary>
internal sealed class RedisSessionRecordStoreOptionsValidator(IServiceProviderIsService? services = null) : IValidateOptions<RedisSessionRecordStoreOptions>
{
    public const int MaxBatchSize = 100_000;

    public static readonly TimeSpan MaxUserIndexGracePeriod = TimeSpan.FromDays(365);

    public ValidateOptionsResult Validate(string? name, RedisSessionRecordStoreOptions options)
    {
        var failures = new List<string>();
        ValidateConnection(options.Configuration, failures);
        ValidatePrefix(nameof(options.KeyPrefix), options.KeyPrefix, RedisSessionRecordStoreOptions.DefaultKeyPrefix, "session", failures);
        ValidatePrefix(
            nameof(options.UserIndexKeyPrefix), options.UserIndexKeyPrefix, RedisSessionRecordStoreOptions.DefaultUserIndexKeyPrefix, "user's index", failures);
        if (!string.IsNullOrEmpty(options.KeyPrefix) && !string.IsNullOrEmpty(options.UserIndexKeyPrefix) &&
            (options.KeyPrefix.StartsWith(options.UserIndexKeyPrefix, StringComparison.Ordinal) ||
             options.UserIndexKeyPrefix.StartsWith(options.KeyPrefix, StringComparison.Ordinal)))
        {
            // ClearExpired scans "<KeyPrefix>*" and runs a session script on each key, and "<UserIndexKeyPrefix>*" and
            // reads each key as a user's set: overlapping prefixes would hand each scan the other's keys.
            failures.Add(
                "RedisSessionRecordStoreOptions.KeyPrefix and UserIndexKeyPrefix must not start with one another, since the purge scans the keys " +
                $"under each; they are '{options.KeyPrefix}' and '{options.UserIndexKeyPrefix}'.");
        }

        if (options.UserIndexGracePeriod < TimeSpan.Zero || options.UserIndexGracePeriod > MaxUserIndexGracePeriod)
        {
            failures.Add($"RedisSessionRecordStoreOptions.UserIndexGracePeriod must be between zero and 365 days; it is {options.UserIndexGracePeriod}.");
        }

        if (options.Database < -1)
        {
            failures.Add($"RedisSessionRecordStoreOptions.Database must be -1 (the connection's default) or a database number; it is {options.Database}.");
        }

        if (options.ClearExpiredBatchSize is < 1 or > MaxBatchSize)
        {
            failures.Add($"RedisSessionRecordStoreOptions.ClearExpiredBatchSize must be between 1 and {MaxBatchSize:N0}; it is {options.ClearExpiredBatchSize}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws when <paramref name="options"/> fail validation, for stores built without the options pipeline.</summary>
    public static void ThrowIfInvalid(RedisSessionRecordStoreOptions options)
    {
        var result = new RedisSessionRecordStoreOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(RedisSessionRecordStoreOptions), result.Failures);
        }
    }

    private static void ValidatePrefix(string name, string? prefix, string defaultPrefix, string keys, List<string> failures)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            // ClearExpired scans "<prefix>*": with no prefix it would scan, and judge, every key in the database.
            failures.Add($"RedisSessionRecordStoreOptions.{name} must not be empty; the default is '{defaultPrefix}'.");
        }
        else if (prefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            failures.Add(
                $"RedisSessionRecordStoreOptions.{name} must not contain '{{' or '}}': a hash tag there would put every {keys} key in one " +
                $"Redis Cluster hash slot; it is '{prefix}'.");
        }
    }

    private void ValidateConnection(string? configuration, List<string> failures)
    {
        if (configuration is null)
        {
            // Only DI can tell whether a multiplexer will be there; a store built by hand is handed one.
            if (services is not null && !services.IsService(typeof(IConnectionMultiplexer)))
            {
                failures.Add(
                    "RedisSessionRecordStoreOptions.Configuration is not set and no IConnectionMultiplexer is registered: pass a configuration " +
                    "string to AddRedisStore(\"localhost:6379\") or register your IConnectionMultiplexer before building the app.");
            }

            return;
        }

        try
        {
            if (ConfigurationOptions.Parse(configuration).EndPoints.Count == 0)
            {
                // The string is not echoed: it may hold a password.
                failures.Add("RedisSessionRecordStoreOptions.Configuration names no server; expected for example 'localhost:6379'.");
            }
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or NotSupportedException)
        {
            failures.Add($"RedisSessionRecordStoreOptions.Configuration is not a valid StackExchange.Redis configuration string: {exception.Message}");
        }
    }
}
