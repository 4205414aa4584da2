using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.UnstorableTypeAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// TS0003: the type of a session value cannot be stored. The classification is the generator's; these tests pin the
/// cases users meet and the messages they read.
/// </summary>
public sealed class UnstorableTypeAnalyzerTests
{
    [Fact]
    public async Task Stream_is_reported_on_the_type_with_the_reason()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.IO;
            using TypedSessions;

            [SessionState]
            public partial class Upload
            {
                public partial {|#0:Stream|} Content { get; set; }
                public partial {|#1:MemoryStream?|} Buffer { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0003").WithLocation(0).WithArguments("Upload.Content", "'System.IO.Stream' cannot be serialized: a stream is an open resource, not data"),
            Verifier.Diagnostic("TS0003").WithLocation(1).WithArguments("Upload.Buffer", "'System.IO.MemoryStream' cannot be serialized: a stream is an open resource, not data"));
    }

    [Fact]
    public async Task Delegates_pointers_and_ref_structs_are_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using TypedSessions;

            [SessionState]
            public unsafe partial class Native
            {
                public partial {|#0:Action?|} Callback { get; set; }
                public partial {|#1:Func<int>|} Factory { get; set; }
                public partial {|#2:int*|} Pointer { get; set; }
                public partial {|#3:delegate*<void>|} Function { get; set; }
                public partial {|#4:nint|} Handle { get; set; }
            }

            [SessionState]
            public partial class Buffers
            {
                public partial {|#5:Span<byte>|} Bytes { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0003").WithLocation(0).WithArguments("Native.Callback", "'System.Action' is a delegate, which cannot be serialized"),
            Verifier.Diagnostic("TS0003").WithLocation(1).WithArguments("Native.Factory", "'System.Func<int>' is a delegate, which cannot be serialized"),
            Verifier.Diagnostic("TS0003").WithLocation(2).WithArguments("Native.Pointer", "'int*' is a pointer type, which cannot be serialized"),
            Verifier.Diagnostic("TS0003").WithLocation(3).WithArguments("Native.Function", "'delegate*<void>' is a pointer type, which cannot be serialized"),
            Verifier.Diagnostic("TS0003").WithLocation(4).WithArguments("Native.Handle", "'nint' cannot be serialized: a native handle is not data"),
            Verifier.Diagnostic("TS0003").WithLocation(5).WithArguments("Buffers.Bytes", "'System.Span<byte>' is a ref struct, which cannot be kept in a session"));
    }

    [Fact]
    public async Task Http_objects_tasks_and_sessions_are_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using TypedSessions;

            [SessionState]
            public partial class Request
            {
                public partial {|#0:HttpContext|} Context { get; set; }
                public partial {|#1:HttpRequest|} Incoming { get; set; }
                public partial {|#2:HttpResponse|} Outgoing { get; set; }
                public partial {|#3:Task<int>|} Pending { get; set; }
                public partial {|#4:ValueTask|} Work { get; set; }
                public partial {|#5:Session|} Inner { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0003").WithLocation(0).WithArguments("Request.Context", "'Microsoft.AspNetCore.Http.HttpContext' cannot be serialized: it belongs to one request"),
            Verifier.Diagnostic("TS0003").WithLocation(1).WithArguments("Request.Incoming", "'Microsoft.AspNetCore.Http.HttpRequest' cannot be serialized: it belongs to one request"),
            Verifier.Diagnostic("TS0003").WithLocation(2).WithArguments("Request.Outgoing", "'Microsoft.AspNetCore.Http.HttpResponse' cannot be serialized: it belongs to one request"),
            Verifier.Diagnostic("TS0003").WithLocation(3).WithArguments("Request.Pending", "'System.Threading.Tasks.Task<int>' cannot be serialized: it is an operation in progress; store its result instead"),
            Verifier.Diagnostic("TS0003").WithLocation(4).WithArguments("Request.Work", "'System.Threading.Tasks.ValueTask' cannot be serialized: it is an operation in progress; store its result instead"),
            Verifier.Diagnostic("TS0003").WithLocation(5).WithArguments("Request.Inner", "'TypedSessions.Session' cannot be serialized: a session cannot be stored in a session"));
    }

    [Fact]
    public async Task Interfaces_and_abstract_classes_without_a_known_implementation_are_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.Text.Json.Serialization;
            using TypedSessions;

            public abstract class Shape
            {
            }

            public sealed class Circle : Shape
            {
            }

            // Derived types without a discriminator: System.Text.Json can write them, not read them back.
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
                public partial {|#0:IDisposable|} Resource { get; set; }
                public partial {|#1:Shape|} Shape { get; set; }
                public partial {|#2:IPolygon?|} Polygon { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0003").WithLocation(0).WithArguments("Drawing.Resource", "'System.IDisposable' is an interface, for which no value can be created when the session is read; use a concrete type"),
            Verifier.Diagnostic("TS0003").WithLocation(1).WithArguments("Drawing.Shape", "'Shape' is abstract, so no value can be created when the session is read; use a concrete type"),
            Verifier.Diagnostic("TS0003").WithLocation(2).WithArguments("Drawing.Polygon", "'IPolygon' is an interface, for which no value can be created when the session is read; use a concrete type"));
    }

    [Fact]
    public async Task Unstorable_element_or_type_argument_is_named()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using TypedSessions;

            [SessionState]
            public partial class Files
            {
                public partial {|#0:List<Stream>|} Streams { get; set; }
                public partial {|#1:Dictionary<string, Func<int>>|} Handlers { get; set; }
                public partial {|#2:Action[]|} Callbacks { get; set; }
                public partial {|#3:int[,]|} Grid { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0003").WithLocation(0).WithArguments("Files.Streams", "'System.IO.Stream' cannot be serialized: a stream is an open resource, not data"),
            Verifier.Diagnostic("TS0003").WithLocation(1).WithArguments("Files.Handlers", "'System.Func<int>' is a delegate, which cannot be serialized"),
            Verifier.Diagnostic("TS0003").WithLocation(2).WithArguments("Files.Callbacks", "'System.Action' is a delegate, which cannot be serialized"),
            Verifier.Diagnostic("TS0003").WithLocation(3).WithArguments("Files.Grid", "'int[,]' is a multi-dimensional array; use a jagged array or a list"));
    }

    [Fact]
    public async Task Open_type_parameter_is_reported()
    {
        // The generic class itself is TS0005's; the property's type is reported here.
        await Verifier.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using TypedSessions;

            [SessionState]
            public partial class Box<T>
            {
                public partial {|#0:T|} Value { get; set; }
                public partial {|#1:List<T>|} Values { get; set; }
                public partial int Count { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0003").WithLocation(0).WithArguments("Box<T>.Value", "its type 'T' is a type parameter; a session value needs a concrete type"),
            Verifier.Diagnostic("TS0003").WithLocation(1).WithArguments("Box<T>.Values", "its type 'T' is a type parameter; a session value needs a concrete type"));
    }

    [Fact]
    public async Task Common_data_types_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using TypedSessions;

            public enum Theme { Light, Dark }

            public sealed record Address(string Street, string City);

            public sealed class CartLine
            {
                public int ProductId { get; set; }
                public int Quantity { get; set; }
            }

            [SessionState]
            public partial class Profile
            {
                public partial int Visits { get; set; }
                public partial string? Name { get; set; }
                public partial decimal Balance { get; set; }
                public partial Guid Id { get; set; }
                public partial DateTimeOffset? SignedInAt { get; set; }
                public partial TimeSpan Idle { get; set; }
                public partial DateOnly Birthday { get; set; }
                public partial Theme Theme { get; set; }
                public partial Theme? PreviousTheme { get; set; }
                public partial Address? Shipping { get; set; }
                public partial List<CartLine> Lines { get; set; }
                public partial CartLine[] Saved { get; set; }
                public partial int[][] Jagged { get; set; }
                public partial Dictionary<string, List<int>> Scores { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Collection_interfaces_System_Text_Json_can_create_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using TypedSessions;

            [SessionState]
            public partial class Browsing
            {
                public partial IEnumerable<int> Recent { get; set; }
                public partial ICollection<string> Tags { get; set; }
                public partial IList<Guid> Seen { get; set; }
                public partial IReadOnlyList<string> Steps { get; set; }
                public partial IReadOnlyCollection<int> Pages { get; set; }
                public partial ISet<int> Favourites { get; set; }
                public partial IReadOnlySet<string> Flags { get; set; }
                public partial IDictionary<string, int> Counters { get; set; }
                public partial IReadOnlyDictionary<string, List<int>>? Groups { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Polymorphic_types_System_Text_Json_can_read_back_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using TypedSessions;

            [JsonDerivedType(typeof(Circle), "circle")]
            [JsonDerivedType(typeof(Square), "square")]
            public abstract class Shape
            {
            }

            public sealed class Circle : Shape
            {
                public double Radius { get; set; }
            }

            public sealed class Square : Shape
            {
                public double Side { get; set; }
            }

            [JsonDerivedType(typeof(CardPayment), 1)]
            public interface IPayment
            {
            }

            public sealed class CardPayment : IPayment
            {
            }

            [JsonConverter(typeof(MoneyConverter))]
            public interface IMoney
            {
            }

            public sealed class MoneyConverter : JsonConverter<IMoney>
            {
                public override IMoney? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => null;

                public override void Write(Utf8JsonWriter writer, IMoney value, JsonSerializerOptions options) => writer.WriteNullValue();
            }

            [SessionState]
            public partial class Drawing
            {
                public partial Shape? Selected { get; set; }
                public partial IPayment? Payment { get; set; }
                public partial IMoney? Total { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Properties_that_are_not_session_values_are_not_reported()
    {
        // A non-partial auto-property is TS0002's; code, other classes and implemented properties are not stored.
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using TypedSessions;

            [SessionState]
            public partial class Upload
            {
                public partial int Count { get; set; }

                public Stream Content { get; set; } = Stream.Null;

                public Task<int> CountAsync => Task.FromResult(Count);

                public Func<int> Counter => () => Count;
            }

            public sealed class Attachment
            {
                public Stream? Content { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Static_properties_and_indexers_are_left_to_TS0002()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using TypedSessions;

            [SessionState]
            public partial class Upload
            {
                public static partial Stream Shared { get; set; }
                public partial Action this[int index] { get; set; }
                public partial int Count { get; set; }
            }
            """);
    }

    [Fact]
    public async Task A_type_that_does_not_resolve_is_left_to_the_compiler()
    {
        // While the user types, CS0246 says it; "could not be found" a second time would only add noise. (Without the
        // generator, whose part repeats the unknown name.)
        var test = new Verifier.Test
        {
            RunGenerator = false,
            TestCode = """
                using System.Collections.Generic;
                using TypedSessions;

                [SessionState]
                public partial class Cart
                {
                    public partial {|CS0246:CartLine|} {|CS9248:Line|} { get; set; }
                    public partial List<{|CS0246:CartLine|}> {|CS9248:Lines|} { get; set; }
                }
                """,
        };

        await test.RunAsync();
    }
}
