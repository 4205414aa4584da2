using System.Net;

namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>What one of several concurrent requests got back, and which instance served it.</summary>
public sealed record InstanceResponse(HttpStatusCode Status, int Instance, string Body);
