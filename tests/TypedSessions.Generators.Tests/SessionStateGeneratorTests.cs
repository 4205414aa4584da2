using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Generators.Tests;

/// <summary>Which declarations get a generated file, apart from what the file holds (see the snapshot tests).</summary>
public sealed class SessionStateGeneratorTests
{
    [Fact]
    public void Class_in_a_non_partial_containing_type_gets_no_file()
    {
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
        Assert.Empty(output.Output.GetDiagnostics().Where(static diagnostic => diagnostic.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }
}
