namespace TypedSessions;

/// <summary>
/// The cookie name prefixes browsers enforce (RFC 6265bis section 4.1.3): a <c>__Secure-</c> cookie is kept only with
/// <c>Secure</c>, and a <c>__Host-</c> cookie also only with <c>Path=/</c> and no <c>Domain</c>, so no other subdomain
/// can set or overwrite it. Browsers match the prefixes ignoring case, and so does this.
/// </summary>
internal static class SessionCookiePrefix
{
    public const string Host = "__Host-";

    public const string Secure = "__Secure-";

    /// <summary>Whether a cookie of this name needs <c>Secure</c>.</summary>
    public static bool RequiresSecure(string? name) => IsHost(name) || (name?.StartsWith(Secure, StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>Whether a cookie of this name needs <c>Secure</c>, <c>Path=/</c> and no <c>Domain</c>.</summary>
    public static bool IsHost(string? name) => name?.StartsWith(Host, StringComparison.OrdinalIgnoreCase) ?? false;
}
