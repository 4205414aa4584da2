using Microsoft.Extensions.Options;

namespace TypedSessions.Stores.DistributedCache;

/// <summary>Rejects a key prefix that common caches would refuse or truncate, at startup.</summary>
internal sealed class DistributedCacheSessionRecordStoreOptionsValidator : IValidateOptions<DistributedCacheSessionRecordStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, DistributedCacheSessionRecordStoreOptions options)
    {
        var prefix = options.KeyPrefix;
        if (prefix is null)
        {
            return ValidateOptionsResult.Fail("DistributedCacheSessionRecordStoreOptions.KeyPrefix must not be null; use \"\" for no prefix.");
        }

        if (prefix.Length > DistributedCacheSessionRecordStoreOptions.MaxKeyPrefixLength)
        {
            return ValidateOptionsResult.Fail(
                $"DistributedCacheSessionRecordStoreOptions.KeyPrefix must be at most {DistributedCacheSessionRecordStoreOptions.MaxKeyPrefixLength} characters; it has {prefix.Length}.");
        }

        if (prefix.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return ValidateOptionsResult.Fail($"DistributedCacheSessionRecordStoreOptions.KeyPrefix must not contain whitespace or control characters; it is '{prefix}'.");
        }

        return ValidateOptionsResult.Success;
    }

    /// <summary>Throws when <paramref name="options"/> fail validation, for stores built without the options pipeline.</summary>
    public static void ThrowIfInvalid(DistributedCacheSessionRecordStoreOptions options)
    {
        var result = new DistributedCacheSessionRecordStoreOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(DistributedCacheSessionRecordStoreOptions), result.Failures);
        }
    }
}
