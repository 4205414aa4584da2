namespace TypedSessions.Generators.Tests.Sources;

/// <summary>
/// One declaration that TS0001–TS0005 are about, and the errors a command-line build prints for its file.
/// </summary>
/// <param name="Name">
/// Also the file name and the namespace of its types, unique across the catalogue. Session keys do not include the
/// namespace (<c>Cart.Count</c>): shapes built in one project give their classes names of their own, or TS0004 joins in.
/// </param>
/// <param name="Source">The declarations, without usings or namespace (<see cref="DeclarationShapes.File"/> adds them).</param>
/// <param name="Errors">The error ids the build prints for the file, in any order.</param>
/// <param name="LanguageVersion">The project's <c>LangVersion</c>, when it is not the newest.</param>
/// <param name="GeneratedErrors">Error ids the build prints for the generated files, in any order.</param>
/// <param name="InGlobalNamespace">Whether the file declares no namespace (its type names are unique on their own).</param>
public sealed record DeclarationShape(
    string Name,
    string Source,
    string[] Errors,
    string? LanguageVersion = null,
    string[]? GeneratedErrors = null,
    bool InGlobalNamespace = false)
{
    /// <summary>
    /// Whether the compiler reports a declaration error for it. Such an error stops a command-line build before the
    /// analyzers run, for the whole project: those shapes are built apart from the others.
    /// </summary>
    public bool HasCompilerError => Errors.Any(static id => id.StartsWith("CS", StringComparison.Ordinal) && !MethodBodyErrors.Contains(id));

    /// <summary>Errors the compiler finds while compiling method bodies, after which the analyzers still report.</summary>
    private static readonly string[] MethodBodyErrors = ["CS1729", "CS7036"];

    public override string ToString() => Name;
}

/// <summary>
/// Every declaration shape that can carry a partial property and that the generator cannot implement as a session
/// state class, with what <c>dotnet build</c> shows for it. The rule: the TS error that explains the problem, and never
/// CS9248 for a property the generator left unimplemented. Where the compiler rejects the declaration whatever the
/// generator writes (a type that is not partial, <c>[SessionState]</c> on a struct), its own error names the fix, and the
/// generator's throwing members keep CS9248 from joining it. A file-local class cannot be completed from another file
/// at all: CS9248 is the one error a build can show for it (TS0005 shows in the IDE).
/// </summary>
internal static class DeclarationShapes
{
    public static IReadOnlyList<DeclarationShape> All { get; } =
    [
        // The compiler accepts these: the analyzers run, and the build shows the TS errors.
        new("GenericClass", """
            [SessionState]
            public partial class Box<T>
            {
                public partial int Count { get; set; }
            }
            """, ["TS0005"]),
        new("NestedInGenericType", """
            public partial class Catalog<T>
            {
                [SessionState]
                public partial class Cart
                {
                    public partial int Count { get; set; }
                }
            }
            """, ["TS0005"]),
        new("StaticClass", """
            [SessionState]
            public static partial class Counters
            {
                public static partial int Visits { get; set; }
            }
            """, ["TS0005", "TS0002"]),
        new("AbstractClass", """
            [SessionState]
            public abstract partial class CartBase
            {
                public partial int Count { get; set; }
            }
            """, ["TS0005"]),
        new("DeclaresConstructor", """
            [SessionState]
            public partial class Profile
            {
                public Profile() => Visits = 1;

                public partial int Visits { get; set; }
            }
            """, ["TS0005"]),
        new("ClassWithPrimaryConstructor", """
            [SessionState]
            public partial class Seeded(int seed)
            {
                public int Seed => seed;

                public partial int Count { get; set; }
            }
            """, ["TS0005"]),
        new("RecordWithPrimaryConstructor", """
            [SessionState]
            public partial record Preferences(string Theme)
            {
                public partial int Visits { get; set; }
            }
            """, ["TS0005"]),
        new("RequiredMembers", """
            [SessionState]
            public partial class Checkout
            {
                public required partial string Step { get; set; }
            }
            """, ["TS0005"]),
        new("BaseWithoutParameterlessConstructor", """
            public class Entity(int id)
            {
                public int Id => id;
            }

            [SessionState]
            public partial class Customer : Entity
            {
                public partial int Visits { get; set; }
            }
            """, ["TS0005", "CS7036"]),
        new("DerivesFromSessionState", """
            [SessionState]
            public partial class Cart
            {
                public partial int Count { get; set; }
            }

            [SessionState]
            public sealed partial class GiftCart : Cart
            {
                public partial string? Message { get; set; }
            }
            """, ["TS0005", "CS1729"]),
        new("ReservedMemberName", """
            [SessionState]
            public partial class Favorites
            {
                public static void __session() { }

                public partial int Count { get; set; }
            }
            """, ["TS0005"]),
        new("InheritedReservedMemberName", """
            public class Binder
            {
                public static void __session(object context) { }
            }

            [SessionState]
            public partial class Comparison : Binder
            {
                public partial int Count { get; set; }
            }
            """, ["TS0005"]),
        new("GenericClassInGlobalNamespace", """
            [SessionState]
            public partial class GlobalBox<T>
            {
                public partial int Count { get; set; }
            }
            """, ["TS0005"], InGlobalNamespace: true),
        new("AbstractNestedThreeLevels", """
            public partial class Shop
            {
                public partial struct Area
                {
                    public partial record Section
                    {
                        [SessionState]
                        public abstract partial class Cart
                        {
                            public partial int Count { get; set; }
                        }
                    }
                }
            }
            """, ["TS0005"]),
        new("AbstractNestedInInterface", """
            public partial interface IShop
            {
                [SessionState]
                public abstract partial class Cart
                {
                    public partial int Count { get; set; }
                }
            }
            """, ["TS0005"]),
        new("NotPartialWithoutPartialProperties", """
            [SessionState]
            public class Cart
            {
                public int Count { get; set; }
            }
            """, ["TS0001", "TS0002"]),
        new("NestedInNonPartialWithoutPartialProperties", """
            public static class Shop
            {
                [SessionState]
                public partial class Cart
                {
                }
            }
            """, ["TS0001"]),
        new("PropertyShapes", """
            [SessionState]
            public partial class Cart
            {
                public int NotPartial { get; set; }
                public static partial int Shared { get; set; }
                public partial int ReadOnly { get; }
                public partial int InitOnly { get; init; }
                public partial int WriteOnly { set; }
                public partial ref int ByRef { get; }
                public partial string this[int index] { get; set; }
                public partial int HandWritten { get; set; }
                public partial int HandWritten { get => 0; set { } }
            }
            """, ["TS0002", "TS0002", "TS0002", "TS0002", "TS0002", "TS0002", "TS0002", "TS0002"]),
        new("UnstorableTypes", """
            [SessionState]
            public partial class Upload
            {
                public partial Action? Callback { get; set; }
                public partial System.IO.Stream Content { get; set; }
                public partial HttpContext Context { get; set; }
                public partial Task<int> Pending { get; set; }
                public partial IDisposable Resource { get; set; }
                public partial int[,] Grid { get; set; }
                public unsafe partial int* Pointer { get; set; }
            }
            """, ["TS0003", "TS0003", "TS0003", "TS0003", "TS0003", "TS0003", "TS0003"]),
        new("DuplicateKeys", """
            [SessionState("cart")]
            public partial class Cart
            {
                public partial int Count { get; set; }
            }

            [SessionState("cart")]
            public partial class Basket
            {
                public partial int Count { get; set; }
            }
            """, ["TS0004"]),

        // The compiler rejects these whatever the generator writes; its error names the fix, never CS9248.
        new("NotPartialClass", """
            [SessionState]
            public sealed class Cart
            {
                public partial int Count { get; set; }
            }
            """, ["CS0260"]),
        new("NotPartialRecord", """
            [SessionState]
            public record Preferences
            {
                public partial string? Theme { get; set; }
            }
            """, ["CS0260"]),
        new("NestedInNonPartialClass", """
            public class Shop
            {
                [SessionState]
                public partial class Cart
                {
                    public partial int Count { get; set; }
                }
            }
            """, ["CS0260"]),
        new("NestedInNonPartialStaticClass", """
            public static class Shop
            {
                [SessionState]
                public partial class Cart
                {
                    public partial int Count { get; set; }
                }
            }
            """, ["CS0260"]),
        new("NestedInNonPartialStruct", """
            public readonly struct Shop
            {
                [SessionState]
                public partial class Cart
                {
                    public partial int Count { get; set; }
                }
            }
            """, ["CS0260"]),
        new("NestedInNonPartialRecord", """
            public record Shop(string Name)
            {
                [SessionState]
                public partial class Cart
                {
                    public partial int Count { get; set; }
                }
            }
            """, ["CS0260"]),
        new("NestedInNonPartialInterface", """
            public interface IShop
            {
                [SessionState]
                public partial class Cart
                {
                    public partial int Count { get; set; }
                }
            }
            """, ["CS0260"]),
        new("NestedInNonPartialGenericType", """
            public class Catalog<T> where T : class
            {
                [SessionState]
                public partial class Cart
                {
                    public partial int Count { get; set; }
                }
            }
            """, ["CS0260"]),
        new("NestedInNonPartialInGlobalNamespace", """
            public class GlobalShop
            {
                [SessionState]
                public partial class Cart
                {
                    public partial int Count { get; set; }
                }
            }
            """, ["CS0260"], InGlobalNamespace: true),
        new("MiddleOfThreeNotPartial", """
            public partial class Shop
            {
                public class Area
                {
                    public partial class Section
                    {
                        [SessionState]
                        public partial class Cart
                        {
                            public partial int Count { get; set; }
                        }
                    }
                }
            }
            """, ["CS0260"]),
        new("NotPartialInNonPartial", """
            public class Shop
            {
                [SessionState]
                public class Cart
                {
                    public partial int Count { get; set; }
                }
            }
            """, ["CS0260", "CS0260"]),
        new("Struct", """
            [SessionState]
            public partial struct Cart
            {
                public partial int Count { get; set; }
            }
            """, ["CS0592"]),
        new("ReadOnlyRecordStruct", """
            [SessionState]
            public readonly partial record struct Cart
            {
                public partial int Count { get; }
            }
            """, ["CS0592"]),
        new("Interface", """
            [SessionState]
            public partial interface ICart
            {
                partial int Count { get; set; }
            }
            """, ["CS0592"]),
        new("StaticClassWithInstanceProperty", """
            [SessionState]
            public static partial class Counters
            {
                public partial int Visits { get; set; }
            }
            """, ["CS0708"]),
        new("FileLocalClass", """
            [SessionState]
            file partial class Cart
            {
                public partial int Count { get; set; }
            }
            """, ["CS9248"]),
        new("NestedInFileLocalType", """
            file partial class Shop
            {
                [SessionState]
                public partial class Cart
                {
                    public partial int Count { get; set; }
                }
            }
            """, ["CS9248"]),
        new("CSharp12", """
            [SessionState]
            public partial class Cart
            {
                public partial int Count { get; set; }
            }
            """, ["CS8703"], LanguageVersion: "12", GeneratedErrors: ["CS8703"]),
    ];

    /// <summary>The file as the build compiles it: the usings it needs, and the shape's own namespace.</summary>
    public static string File(DeclarationShape shape)
    {
        var usings = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using TypedSessions;
            """;
        return shape.InGlobalNamespace
            ? $"{usings}\n\n{shape.Source}\n"
            : $"{usings}\n\nnamespace Shapes.{shape.Name};\n\n{shape.Source}\n";
    }
}
