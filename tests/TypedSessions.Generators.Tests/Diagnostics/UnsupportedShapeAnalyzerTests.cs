using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.UnsupportedShapeAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// TS0005: a [SessionState] class the generator cannot give its session plumbing, a file-local one, or a C# version
/// without partial properties. A missing 'partial' (on the class or a containing type) is TS0001's, never TS0005's.
/// </summary>
public sealed class UnsupportedShapeAnalyzerTests
{
    private const string FileLocal = "a [SessionState] class cannot be file-local or nested in a file-local type, because the generated part lives in another file; remove 'file'";

    [Fact]
    public async Task Generic_class_and_class_nested_in_a_generic_type_are_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class {|#0:Box|}<T>
            {
                public partial int Count { get; set; }
            }

            public partial class Outer<T>
            {
                [SessionState]
                public partial class {|#1:Inner|}
                {
                    public partial int Count { get; set; }
                }
            }
            """,
            Verifier.Diagnostic("TS0005").WithLocation(0).WithArguments("Box<T>", "a [SessionState] class cannot be generic or nested in a generic type"),
            Verifier.Diagnostic("TS0005").WithLocation(1).WithArguments("Outer<T>.Inner", "a [SessionState] class cannot be generic or nested in a generic type"));
    }

    [Fact]
    public async Task Static_and_abstract_classes_are_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public static partial class {|#0:Counters|}
            {
                public static partial int Count { get; set; }
            }

            [SessionState]
            public abstract partial class {|#1:Base|}
            {
                public partial int Count { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0005").WithLocation(0).WithArguments("Counters", "a [SessionState] class cannot be static"),
            Verifier.Diagnostic("TS0005").WithLocation(1).WithArguments("Base", "a [SessionState] class cannot be abstract, because the session creates its instances"));
    }

    [Fact]
    public async Task Declared_constructors_are_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class {|#0:Seeded|}
            {
                public Seeded() => Count = 1;

                public partial int Count { get; set; }
            }

            [SessionState]
            public partial class {|#1:Primary|}(int seed)
            {
                public int Seed => seed;

                public partial int Count { get; set; }
            }

            [SessionState]
            public partial record {|#2:Positional|}(int Seed)
            {
                public partial int Count { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0005").WithLocation(0).WithArguments("Seeded", "a [SessionState] class cannot declare instance constructors, because the generated constructor takes the session"),
            Verifier.Diagnostic("TS0005").WithLocation(1).WithArguments("Primary", "a [SessionState] class cannot declare instance constructors, because the generated constructor takes the session"),
            Verifier.Diagnostic("TS0005").WithLocation(2).WithArguments("Positional", "a [SessionState] record cannot have a primary constructor, because the generated constructor takes the session"));
    }

    [Fact]
    public async Task Required_members_and_a_base_without_parameterless_constructor_are_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            public class Entity
            {
                public Entity(int id) => Id = id;

                public int Id { get; }
            }

            [SessionState]
            public partial class {|#0:Profile|}
            {
                public required string Name { get; set; }

                public partial int Visits { get; set; }
            }

            [SessionState]
            public partial class {|#1:{|CS7036:Customer|}|} : Entity
            {
                public partial int Visits { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0005").WithLocation(0).WithArguments("Profile", "a [SessionState] class cannot have required members, because the session creates its instances"),
            Verifier.Diagnostic("TS0005").WithLocation(1).WithArguments("Customer", "a [SessionState] class needs a base class with an accessible parameterless constructor, and 'Entity' has none"));
    }

    [Fact]
    public async Task Member_named_like_generated_code_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class {|#0:Cart|}
            {
                public static void __session() { }

                public partial int Count { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0005").WithLocation(0).WithArguments("Cart", "a [SessionState] class cannot declare a member named '__session', because the generated code declares it"));
    }

    [Fact]
    public async Task Member_named_BindAsync_is_the_users_own()
    {
        // Minimal API binding comes from ISessionState<T> itself, so the generated part declares no BindAsync to clash with.
        await Verifier.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                public static ValueTask<int> BindAsync(int a) => new(a);

                public partial int Count { get; set; }
            }
            """);
    }

    [Fact]
    public async Task File_local_class_is_reported()
    {
        // No part in another file can complete it, so the compiler also misses the implementation (CS9248): in a
        // command-line build that error is all the user sees, since it stops the build before the analyzers run.
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            file partial class {|#0:Cart|}
            {
                public partial int {|CS9248:Count|} { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0005").WithLocation(0).WithArguments("Cart", FileLocal));
    }

    [Fact]
    public async Task Class_nested_in_a_file_local_type_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            file partial class Shop
            {
                [SessionState]
                public partial class {|#0:Cart|}
                {
                    public partial int {|CS9248:Count|} { get; set; }
                }
            }
            """,
            Verifier.Diagnostic("TS0005").WithLocation(0).WithArguments("Shop.Cart", FileLocal));
    }

    [Fact]
    public async Task Every_reason_of_one_class_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class {|#0:Box|}<T>
            {
                public Box(T value) => Count = 1;

                public required T Value { get; set; }

                public partial int Count { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0005").WithLocation(0).WithArguments("Box<T>", "a [SessionState] class cannot be generic or nested in a generic type"),
            Verifier.Diagnostic("TS0005").WithLocation(0).WithArguments("Box<T>", "a [SessionState] class cannot declare instance constructors, because the generated constructor takes the session"),
            Verifier.Diagnostic("TS0005").WithLocation(0).WithArguments("Box<T>", "a [SessionState] class cannot have required members, because the session creates its instances"));
    }

    [Fact]
    public async Task Language_version_before_CSharp_13_is_reported()
    {
        // Partial properties themselves are a C# 13 feature, so the compiler rejects the property as well, and the
        // generated implementation with it.
        var test = new Verifier.Test
        {
            LanguageVersion = LanguageVersion.CSharp12,
            CompilerDiagnostics = CompilerDiagnostics.None,
            TestCode = """
                using TypedSessions;

                [SessionState]
                public partial class {|#0:Cart|}
                {
                    public partial int Count { get; set; }
                }
                """,
            ExpectedDiagnostics =
            {
                Verifier.Diagnostic("TS0005").WithLocation(0).WithArguments("Cart", "partial properties need C# 13 or later, and the project compiles as C# 12.0; set <LangVersion> to 13 or later"),
            },
        };

        await test.RunAsync();
    }

    [Fact]
    public async Task Class_deriving_from_another_session_state_class_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                public partial int Count { get; set; }
            }

            [SessionState]
            public sealed partial class {|#0:{|CS1729:GiftCart|}|} : Cart
            {
                public partial string? Message { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0005").WithLocation(0).WithArguments("GiftCart", "a [SessionState] class cannot derive from another [SessionState] class ('Cart'); move the shared properties into one class or use composition"));
    }

    [Fact]
    public async Task Sample_classes_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using TypedSessions;

            public sealed class CartLine
            {
                public int ProductId { get; set; }
                public int Quantity { get; set; }
            }

            [SessionState]
            public sealed partial class Cart
            {
                public partial List<CartLine> Lines { get; set; }

                public int ItemCount => Lines.Sum(line => line.Quantity);

                public static Cart? Empty => null;

                public void Clear() => Lines.Clear();
            }

            [SessionState("account")]
            public sealed partial class Account
            {
                public partial string? UserName { get; set; }

                public partial DateTimeOffset? SignedInAt { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Records_nested_classes_and_usable_base_classes_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            public abstract class StateBase
            {
                protected StateBase(int version = 1) => Version = version;

                public int Version { get; }
            }

            [SessionState]
            public sealed partial record Preferences
            {
                public partial string? Theme { get; set; }
            }

            [SessionState]
            public partial class Checkout : StateBase
            {
                public partial int Step { get; set; }
            }

            public static partial class Wizard
            {
                [SessionState]
                internal sealed partial class Progress
                {
                    public partial int Page { get; set; }

                    private static void BindAsyncHelper() { }
                }
            }
            """);
    }

    [Fact]
    public async Task Class_in_a_non_partial_type_is_TS0001s_not_TS0005s()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            public class {|CS0260:Shop|}
            {
                [SessionState]
                public partial class Cart
                {
                    public partial int Count { get; set; }
                }
            }

            [SessionState]
            public class Plain
            {
                public int Count { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Newest_language_versions_are_not_reported()
    {
        foreach (var version in new[] { LanguageVersion.CSharp13, LanguageVersion.Latest, LanguageVersion.Preview })
        {
            var test = new Verifier.Test
            {
                LanguageVersion = version,
                TestCode = """
                    using TypedSessions;

                    [SessionState]
                    public partial class Cart
                    {
                        public partial int Count { get; set; }
                    }
                    """,
            };

            await test.RunAsync();
        }
    }

    [Fact]
    public async Task Record_with_a_hand_written_copy_constructor_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial record Preferences
            {
                protected Preferences(Preferences original)
                {
                }

                public partial string? Theme { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Static_constructor_static_members_and_generic_methods_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using TypedSessions;

            [SessionState]
            public sealed partial class Cart
            {
                private static readonly Dictionary<int, string> Names;

                static Cart() => Names = new Dictionary<int, string>();

                public partial List<int> ProductIds { get; set; }

                public static string Describe(int id) => Names.TryGetValue(id, out var name) ? name : "?";

                public T Pick<T>(IReadOnlyList<T> items) => items[ProductIds.Count % items.Count];
            }
            """);
    }

    [Fact]
    public async Task Private_members_of_a_base_class_with_reserved_names_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using TypedSessions;

            public abstract class StateBase
            {
                private readonly object? __session = null;

                private static ValueTask BindAsync() => default;

                protected object? Raw => __session;

                protected static ValueTask Bind() => BindAsync();
            }

            [SessionState]
            public sealed partial class Cart : StateBase
            {
                public partial int Count { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Classes_without_the_attribute_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            public static class Helpers
            {
            }

            public abstract class Repository<T>
            {
                protected Repository(string name) => Name = name;

                public string Name { get; }

                public required T Sample { get; set; }
            }

            file class Local
            {
            }
            """);
    }
}
