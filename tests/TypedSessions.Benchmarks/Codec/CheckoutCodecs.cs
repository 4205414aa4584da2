using System.Reflection;
using TypedSessions.Serialization;

namespace TypedSessions.Benchmarks.Codec;

/// <summary>
/// The codecs the generator picked for each property of <see cref="CheckoutState"/>, taken from its generated
/// <c>__{Property}Codec</c> fields, so the benchmarks measure what a session uses rather than a hand-made copy that
/// could drift from the generator.
/// </summary>
public static class CheckoutCodecs
{
    public static readonly SessionValueCodec<int> CustomerId = Generated<int>(nameof(CheckoutState.CustomerId));
    public static readonly SessionValueCodec<int> Visits = Generated<int>(nameof(CheckoutState.Visits));
    public static readonly SessionValueCodec<long> LoyaltyPoints = Generated<long>(nameof(CheckoutState.LoyaltyPoints));
    public static readonly SessionValueCodec<string> DisplayName = Generated<string>(nameof(CheckoutState.DisplayName));
    public static readonly SessionValueCodec<string> Currency = Generated<string>(nameof(CheckoutState.Currency));
    public static readonly SessionValueCodec<string?> Coupon = Generated<string?>(nameof(CheckoutState.Coupon));
    public static readonly SessionValueCodec<Guid> BasketId = Generated<Guid>(nameof(CheckoutState.BasketId));
    public static readonly SessionValueCodec<DateTimeOffset> StartedAt = Generated<DateTimeOffset>(nameof(CheckoutState.StartedAt));
    public static readonly SessionValueCodec<CheckoutStep> Step = Generated<CheckoutStep>(nameof(CheckoutState.Step));
    public static readonly SessionValueCodec<List<CheckoutLine>> Lines = Generated<List<CheckoutLine>>(nameof(CheckoutState.Lines));

    private static SessionValueCodec<T> Generated<T>(string property)
        => typeof(CheckoutState).GetField($"__{property}Codec", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) as SessionValueCodec<T>
            ?? throw new InvalidOperationException($"The generator emitted no codec field for CheckoutState.{property}; update {nameof(CheckoutCodecs)}.");
}
