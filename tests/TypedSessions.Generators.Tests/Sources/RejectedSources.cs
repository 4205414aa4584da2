namespace TypedSessions.Generators.Tests.Sources;

/// <summary>
/// Declarations the compiler rejects whatever the generator writes (a type that is not partial, <c>[SessionState]</c>
/// on a struct or an interface, an instance property of a static class). The generator still implements their
/// partial properties, with accessors that throw, so the compiler's error is the one that names the fix and CS9248
/// never joins it; <see cref="Diagnostics.DeclarationErrorsInBuildTests"/> checks what a build shows for each.
/// </summary>
internal static class RejectedSources
{
    public const string RejectedDeclarations = """
        using TypedSessions;

        namespace Shop;

        [SessionState]
        public sealed class NotPartial
        {
            public partial int Count { get; set; }
        }

        public static class Catalog
        {
            [SessionState]
            public partial class InStaticClass
            {
                public partial int Count { get; set; }
            }
        }

        public readonly struct Area<TKey, TValue> where TKey : notnull
        {
            public partial record Section
            {
                [SessionState]
                internal sealed partial class InGenericStruct
                {
                    public partial int Count { get; set; }
                }
            }
        }

        [SessionState]
        public readonly partial record struct Point
        {
            public partial int X { get; init; }
        }

        [SessionState]
        public partial interface ICart
        {
            partial int Count { get; set; }
        }

        [SessionState]
        public static partial class Counters
        {
            public partial int Visits { get; set; }
            public static partial int Total { get; set; }
        }
        """;
}
