using Microsoft.CodeAnalysis;
using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Generators.Tests;

/// <summary>Which declarations get a generated file, apart from what the file holds (see the snapshot tests).</summary>
public sealed class SessionStateGeneratorTests
{
    [Fact]
    public void Class_in_a_non_partial_containing_type_gets_throwing_properties_in_a_part_of_that_type()
    {
        // No part can complete it; this one makes the compiler name 'Outer' (CS0260) rather than the property (CS9248).
        var output = GeneratorRunner.Run("""
            using TypedSessions;

            public class Outer
            {
                [SessionState]
                public partial class Inner
                {
                    public partial int Count { get; set; }
                }
            }
            """);

        var source = output.Source("Outer.Inner.g.cs");
        Assert.Contains("partial class Outer", source, StringComparison.Ordinal);
        Assert.Contains("'Outer.Inner.Count' is not a session value: a [SessionState] class and every type it is nested in must be declared partial.", source, StringComparison.Ordinal);
        Assert.DoesNotContain("BindAsync", source, StringComparison.Ordinal);
        Assert.Equal(["CS0260"], Errors(output));
    }

    [Fact]
    public void Class_in_a_non_partial_containing_type_without_partial_properties_gets_no_file()
    {
        // Nothing is missing an implementation, so the build reports TS0001 itself: a part would hide it behind CS0260.
        var output = GeneratorRunner.Run("""
            using TypedSessions;

            public class Outer
            {
                [SessionState]
                public partial class Inner
                {
                    public int Count { get; set; }
                }
            }
            """);

        Assert.Empty(output.Sources);
    }

    [Fact]
    public void Non_partial_class_gets_no_file()
    {
        var output = GeneratorRunner.Run("""
            using TypedSessions;

            [SessionState]
            public class Plain
            {
                public int Count { get; set; }
            }
            """);

        Assert.Empty(output.Sources);
    }

    [Fact]
    public void File_local_class_gets_no_file()
    {
        var output = GeneratorRunner.Run("""
            using TypedSessions;

            [SessionState]
            file partial class Local
            {
                public partial int Count { get; set; }
            }
            """);

        Assert.Empty(output.Sources);
    }

    [Fact]
    public void Class_nested_in_a_file_local_type_gets_no_file()
    {
        // Its containing type's metadata name is mangled ('<Source0>F…__Shop'), and no hint name could hold it.
        var output = GeneratorRunner.Run("""
            using TypedSessions;

            file partial class Shop
            {
                [SessionState]
                public partial class Cart
                {
                    public partial int Count { get; set; }
                }
            }
            """);

        Assert.Empty(output.Sources);
    }

    [Fact]
    public void Non_partial_class_with_partial_properties_gets_throwing_properties()
    {
        // The compiler then says 'Missing partial modifier on declaration of type Cart' (CS0260), not CS0751 and CS9248.
        var output = GeneratorRunner.Run("""
            using TypedSessions;

            [SessionState]
            public sealed class Cart
            {
                public partial int Count { get; set; }
            }
            """);

        Assert.Contains("throw new global::System.NotSupportedException(", output.Source("Cart.g.cs"), StringComparison.Ordinal);
        Assert.Equal(["CS0260"], Errors(output));
    }

    [Fact]
    public void Struct_and_interface_get_throwing_properties_and_keep_only_the_attribute_error()
    {
        var output = GeneratorRunner.Run("""
            using TypedSessions;

            [SessionState]
            public partial record struct Point
            {
                public partial int X { get; set; }
            }

            [SessionState]
            public partial interface ICart
            {
                partial int Count { get; set; }
            }
            """);

        Assert.Contains("partial record struct Point", output.Source("Point.g.cs"), StringComparison.Ordinal);
        Assert.Contains("'ICart.Count' is not a session value: [SessionState] applies to classes and record classes only.", output.Source("ICart.g.cs"), StringComparison.Ordinal);
        Assert.Equal(["CS0592", "CS0592"], Errors(output));
    }

    [Fact]
    public void Instance_property_of_a_static_class_gets_a_throwing_implementation()
    {
        // The compiler reports the instance member once (CS0708) either way; without an implementation, CS9248 as well.
        var output = GeneratorRunner.Run("""
            using TypedSessions;

            [SessionState]
            public static partial class Counters
            {
                public partial int Visits { get; set; }
            }
            """);

        Assert.Contains("public partial int Visits", output.Source("Counters.g.cs"), StringComparison.Ordinal);
        Assert.Equal(["CS0708"], Errors(output));
    }

    [Fact]
    public void Class_attributed_on_two_parts_is_written_once()
    {
        var output = GeneratorRunner.Run("""
            using TypedSessions;

            [SessionState]
            public partial class Twice
            {
                public partial int Count { get; set; }
            }

            [SessionState]
            public partial class Twice
            {
            }
            """);

        Assert.Equal("Twice.g.cs", Assert.Single(output.Sources).HintName);
    }

    [Fact]
    public void Property_the_user_implemented_is_left_alone()
    {
        var output = GeneratorRunner.Run("""
            using TypedSessions;

            [SessionState]
            public partial class Mine
            {
                public partial int Count { get; set; }

                public partial int Count { get => 1; set { } }
            }
            """);

        Assert.DoesNotContain("Count", output.Source("Mine.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Code_that_does_not_compile_yet_still_gets_a_file()
    {
        // What an editor sees while the user types: wrong attribute arguments, an unknown type, an empty key.
        var output = GeneratorRunner.Run("""
            using TypedSessions;

            [SessionState(42)]
            public partial class Typing
            {
                public partial Missing Value { get; set; }
                [SessionKey("")] public partial int Count { get; set; }
                public partial int Unfinished { get; set
            }
            """);

        var source = output.Source("Typing.g.cs");
        Assert.Contains("'Typing.Value' is not a session value: its type 'Missing' could not be found.", source, StringComparison.Ordinal);
        Assert.Contains("\"Typing.Count\"", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_code_attribute_names_the_assembly_version()
    {
        var version = typeof(SessionStateGenerator).Assembly.GetName().Version!;

        Assert.Equal(GeneratorInfo.Version, $"{version.Major}.{version.Minor}.{version.Build}");
    }

    [Fact]
    public void Class_deriving_from_a_session_state_class_gets_throwing_properties()
    {
        // The base's generated constructor is private and takes its session: the derived class cannot be created.
        var output = GeneratorRunner.Run("""
            using TypedSessions;

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
            """);

        var source = output.Source("GiftCart.g.cs");
        Assert.Contains("'GiftCart.Message' is not a session value: a [SessionState] class cannot derive from another [SessionState] class ('Cart')", source, StringComparison.Ordinal);
        Assert.DoesNotContain("BindAsync", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Abstract_type_or_interface_System_Text_Json_can_read_back_is_stored_as_json()
    {
        // Derived types with a discriminator, or a converter, are a known implementation; without them the type is unstorable.
        var output = GeneratorRunner.Run("""
            using System.Text.Json.Serialization;
            using TypedSessions;

            [JsonDerivedType(typeof(Circle), "circle")]
            public abstract class Shape
            {
            }

            public sealed class Circle : Shape
            {
            }

            [JsonDerivedType(typeof(Square))]
            public interface IPolygon
            {
            }

            public sealed class Square : IPolygon
            {
            }

            [SessionState]
            public partial class Drawing
            {
                public partial Shape? Selected { get; set; }
                public partial IPolygon? Polygon { get; set; }
            }
            """);

        var source = output.Source("Drawing.g.cs");
        Assert.Contains("SessionCodecs.OrNull(global::TypedSessions.Serialization.SessionCodecs.Json<global::Shape>())", source, StringComparison.Ordinal);
        Assert.Contains("'Drawing.Polygon' is not a session value: 'IPolygon' is an interface", source, StringComparison.Ordinal);
        Assert.Empty(Errors(output));
    }

    private static IEnumerable<string> Errors(GeneratorOutput output)
        => output.Output.GetDiagnostics().Where(static diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).Select(static diagnostic => diagnostic.Id);
}
