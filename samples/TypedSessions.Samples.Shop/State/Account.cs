namespace TypedSessions.Samples.Shop.State;

/// <summary>Who is signed in, stored under <c>account.UserName</c>.</summary>
[SessionState("account")]
public sealed partial class Account
{
    public partial string? UserName { get; set; }

    public partial DateTimeOffset? SignedInAt { get; set; }
}
