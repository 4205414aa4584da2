using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TypedSessions.Stores.DistributedCache;

/// <summary>
/// Fails startup when the app registered no <see cref="IDistributedCache"/>, rather than the first request that
/// touches a session. Runs with the store's options because options validation is what the host runs at startup.
/// </summary>
internal sealed class DistributedCacheRegistrationValidator(IServiceProviderIsService? serviceProviderIsService = null)
    : IValidateOptions<DistributedCacheSessionRecordStoreOptions>
{
    public const string MissingCacheMessage =
        "AddDistributedCacheStore() keeps sessions in the app's IDistributedCache, but none is registered. Register one first, " +
        "for example builder.Services.AddStackExchangeRedisCache(...), AddDistributedSqlServerCache(...) or, for a single " +
        "instance of the app, AddDistributedMemoryCache().";

    public ValidateOptionsResult Validate(string? name, DistributedCacheSessionRecordStoreOptions options)
        => serviceProviderIsService is null || serviceProviderIsService.IsService(typeof(IDistributedCache))
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(MissingCacheMessage);
}
