namespace TypedSessions;

/// <summary>
/// Names the stored session key of one property of a <see cref="SessionStateAttribute"/> class exactly,
/// without the class's prefix, for example to share a key with untyped code or an older deployment.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class SessionKeyAttribute : Attribute
{
    /// <summary>Stores the property under <paramref name="name"/>.</summary>
    /// <param name="name">The stored key; not empty.</param>
    public SessionKeyAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The stored key.</summary>
    public string Name { get; }
}
