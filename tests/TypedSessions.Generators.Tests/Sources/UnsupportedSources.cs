namespace TypedSessions.Generators.Tests.Sources;

/// <summary>
/// Declarations the generator cannot implement. It still writes members that throw, so the compilation has no error
/// of its own making (no CS9248); <see cref="GeneratedCodeCompilationTests"/> checks that.
/// </summary>
internal static class UnsupportedSources
{
    public const string UnsupportedProperties = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using TypedSessions;

        namespace Shop;

        public abstract class Shape
        {
        }

        [SessionState]
        public partial class Unsupported
        {
            public partial int Supported { get; set; }
            public partial Action? Callback { get; set; }
            public partial Stream Upload { get; set; }
            public partial MemoryStream? Buffer { get; set; }
            public partial HttpContext Context { get; set; }
            public partial Task<int> Pending { get; set; }
            public partial ValueTask Work { get; set; }
            public partial Session Nested { get; set; }
            public partial Span<byte> Bytes { get; set; }
            public unsafe partial int* Pointer { get; set; }
            public partial nint Handle { get; set; }
            public partial IDisposable Resource { get; set; }
            public partial Shape Shape { get; set; }
            public partial int[,] Grid { get; set; }
            public partial List<Stream> Streams { get; set; }
            public partial Dictionary<string, Func<int>> Handlers { get; set; }
            public static partial int Shared { get; set; }
            public partial int ReadOnly { get; }
            public partial int InitOnly { get; init; }
            public partial int WriteOnly { set; }
            public partial ref int ByRef { get; }
            public partial string this[int index, params string[] rest] { get; set; }
        }
        """;

    public const string UnsupportedClassShapes = """
        using TypedSessions;

        namespace Shop;

        [SessionState]
        public partial class Box<T>
        {
            public partial T Value { get; set; }
            public partial int Count { get; set; }
        }

        public partial class Outer<T>
        {
            [SessionState]
            public partial class Inner
            {
                public partial int Count { get; set; }
            }
        }

        [SessionState]
        public partial class WithConstructor
        {
            public WithConstructor(int seed) => Count = seed;

            public partial int Count { get; set; }
        }

        [SessionState]
        public partial record WithPrimaryConstructor(int Seed)
        {
            public partial int Count { get; set; }
        }

        [SessionState]
        public abstract partial class Abstract
        {
            public partial int Count { get; set; }
        }

        [SessionState]
        public partial class WithRequired
        {
            public required string Name { get; set; }

            public partial int Count { get; set; }
        }

        public class NoDefaultConstructor
        {
            public NoDefaultConstructor(int value) => Value = value;

            public int Value { get; }
        }

        [SessionState]
        public partial class DerivedWithoutBaseConstructor : NoDefaultConstructor
        {
            public partial int Count { get; set; }
        }

        [SessionState]
        public static partial class Static
        {
            public static partial int Count { get; set; }
        }

        public class BaseWithSessionMember
        {
            protected static void __session() { }
        }

        [SessionState]
        public partial class InheritedReservedName : BaseWithSessionMember
        {
            public partial int Count { get; set; }
        }

        [SessionState]
        public partial class ReservedName
        {
            public static void __session(int a, int b) { }

            public partial int Count { get; set; }
        }
        """;

    public const string UnsafeClass = """
        using TypedSessions;

        namespace Shop;

        [SessionState]
        public unsafe partial class Native
        {
            public partial int* Pointer { get; set; }
            public partial delegate*<void> Function { get; set; }
        }
        """;
}
