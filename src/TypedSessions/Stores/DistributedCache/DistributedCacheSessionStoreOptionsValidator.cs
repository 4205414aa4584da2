using Microsoft.Extensions.Options;

namespace TypedSessions.Stores.DistributedCache;

/// <summary>Rejects a key prefix that common caches would refuse or truncate, at startup.</summary>
internal sealed class DistributedCacheSessionStoreOptionsValidator : IValidateOptions<DistributedCacheSessionStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, DistributedCacheSessionStoreOptions options)
    {
        var prefix = options.KeyPrefix;
        if (prefix is null)
        {
            return ValidateOptionsResult.Fail("DistributedCacheSessionStoreOptions.KeyPrefix must not be null; use \"\" for no prefix.");
        }

        if (prefix.Length > DistributedCacheSessionStoreOptions.MaxKeyPrefixLength)
        {
            return ValidateOptionsResult.Fail(
                $"DistributedCacheSessionStoreOptions.KeyPrefix must be at most {DistributedCacheSessionStoreOptions.MaxKeyPrefixLength} characters; it has {prefix.Length}.");
        }

        if (prefix.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return ValidateOptionsResult.Fail($"DistributedCacheSessionStoreOptions.KeyPrefix must not contain whitespace or control characters; it is '{prefix}'.");
        }

        return ValidateOptionsResult.Success;
    }

    /// <summary>Throws when <paramref name="options"/> fail validation, for stores built without the options pipeline.</summary>
    public static void ThrowIfInvalid(DistributedCacheSessionStoreOptions options)
    {
        var result = new DistributedCacheSessionStoreOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(DistributedCacheSessionStoreOptions), result.Failures);
        }
    }
}
