using System.Diagnostics;

namespace TypedSessions.Diagnostics;

/// <summary>A store call being timed, with its span if one was started.</summary>
internal readonly record struct StoreCall(StoreOperation Operation, long Started, Activity? Activity);
