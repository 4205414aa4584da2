namespace TypedSessions.Generators;

/// <summary>
/// The messages of the <see cref="System.NotSupportedException"/> that generated members throw when the generator
/// cannot implement a declaration. They explain the problem at run time; the analyzers (TS0002, TS0003, TS0005) put
/// the same reasons in their messages at compile time.
/// </summary>
internal static class NotSupportedMessages
{
    public static string Property(string className, string propertyName, string reason)
        => $"'{className}.{propertyName}' is not a session value: {reason}.";

    // Class shapes: the generated constructor or ISessionState<T> would not compile or not work.
    public const string GenericClass = "a [SessionState] class cannot be generic or nested in a generic type";
    public const string StaticClass = "a [SessionState] class cannot be static";
    public const string AbstractClass = "a [SessionState] class cannot be abstract, because the session creates its instances";
    public const string RecordWithPrimaryConstructor = "a [SessionState] record cannot have a primary constructor, because the generated constructor takes the session";
    public const string DeclaresConstructor = "a [SessionState] class cannot declare instance constructors, because the generated constructor takes the session";
    public const string RequiredMembers = "a [SessionState] class cannot have required members, because the session creates its instances";

    public static string BaseWithoutParameterlessConstructor(string baseType)
        => $"a [SessionState] class needs a base class with an accessible parameterless constructor, and '{baseType}' has none";

    public static string DerivesFromSessionState(string baseType)
        => $"a [SessionState] class cannot derive from another [SessionState] class ('{baseType}'); move the shared properties into one class or use composition";

    public static string ReservedMemberName(string name)
        => $"a [SessionState] class cannot declare a member named '{name}', because the generated code declares it";

    // Declarations no generated part can complete: the compiler rejects them whatever is written (CS0260, CS0592), and
    // the generator implements their properties only so that the compiler says that rather than CS9248.
    public const string NotPartial = "a [SessionState] class and every type it is nested in must be declared partial";
    public const string NotAClass = "[SessionState] applies to classes and record classes only";

    // Class shapes the generator skips without writing anything: only the analyzers explain them.
    public const string FileLocalClass = "a [SessionState] class cannot be file-local or nested in a file-local type, because the generated part lives in another file; remove 'file'";

    public static string LanguageVersion(string version)
        => $"partial properties need C# 13 or later, and the project compiles as C# {version}; set <LangVersion> to 13 or later";

    // Property shapes.
    public const string Indexer = "indexers cannot be session values";
    public const string StaticProperty = "a static property is shared by every session; session values are instance properties";
    public const string RefReturn = "a property that returns by reference cannot be a session value";
    public const string InitAccessor = "a session value needs a 'set' accessor, not 'init'";
    public const string MissingAccessor = "a session value needs both a 'get' and a 'set' accessor";

    // Property shapes the generator never sees: only the analyzer (TS0002) explains them.
    public const string NotPartialProperty = "it is not partial, so nothing stores it and its value is lost after every request; declare it 'partial'";
    public const string HandWrittenImplementation = "it has a body, so it is not stored in the session; remove the implementing declaration and let the generator write it";

    // Property types.
    public static string TypeParameter(string type) => $"its type '{type}' is a type parameter; a session value needs a concrete type";

    public static string UnresolvedType(string type) => $"its type '{type}' could not be found";

    public static string PointerType(string type) => $"'{type}' is a pointer type, which cannot be serialized";

    public static string DelegateType(string type) => $"'{type}' is a delegate, which cannot be serialized";

    public static string InterfaceType(string type)
        => $"'{type}' is an interface, for which no value can be created when the session is read; use a concrete type";

    public static string AbstractType(string type)
        => $"'{type}' is abstract, so no value can be created when the session is read; use a concrete type";

    public static string RefStruct(string type) => $"'{type}' is a ref struct, which cannot be kept in a session";

    public static string MultiDimensionalArray(string type) => $"'{type}' is a multi-dimensional array; use a jagged array or a list";

    public static string LiveObject(string type, string why) => $"'{type}' cannot be serialized: {why}";
}
