namespace TypedSessions.Diagnostics;

/// <summary>A call the engine makes to the store, as telemetry names it (<c>db.operation.name</c>, <c>typedsessions.store.operation</c>).</summary>
internal enum StoreOperation
{
    Load,
    Create,
    Update,
    Touch,
    Delete,
    ClearExpired,
    Revoke,
}

internal static class StoreOperationNames
{
    // Indexed by the enum: the names are constants, so tagging a call allocates nothing.
    private static readonly string[] Names = ["load", "create", "update", "touch", "delete", "clear_expired", "revoke"];

    public static int Count => Names.Length;

    public static string NameOf(StoreOperation operation) => Names[(int)operation];
}
