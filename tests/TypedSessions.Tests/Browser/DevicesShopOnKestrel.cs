using TypedSessions.Tests.Samples;

namespace TypedSessions.Tests.Browser;

/// <summary>The sample shop on real Kestrel with the store <see cref="DevicesShopFactory"/> gives it, for "Your devices".</summary>
public sealed class DevicesShopOnKestrel() : ShopOnKestrel(new DevicesShopFactory());
