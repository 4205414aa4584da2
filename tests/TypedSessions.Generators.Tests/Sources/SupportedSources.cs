namespace TypedSessions.Generators.Tests.Sources;

/// <summary>
/// Declarations the generator implements completely. Each one has a baseline, and the compilation of each must
/// have no warning or error at all (<see cref="GeneratedCodeCompilationTests"/> finds them by reflection).
/// </summary>
internal static class SupportedSources
{
    public const string SimpleClass = """
        using System.Collections.Generic;
        using TypedSessions;

        namespace Shop;

        public sealed record CartLine(string Sku, int Quantity);

        [SessionState]
        public partial class Cart
        {
            public partial int Count { get; set; }
            public partial List<CartLine> Lines { get; set; }
            [SessionKey("cur")] public partial string? Currency { get; set; }
        }
        """;

    public const string AllPrimitiveKinds = """
        using System;
        using TypedSessions;

        namespace Shop;

        [SessionState]
        public partial class Primitives
        {
            public partial bool Boolean { get; set; }
            public partial byte Byte { get; set; }
            public partial sbyte SByte { get; set; }
            public partial short Int16 { get; set; }
            public partial ushort UInt16 { get; set; }
            public partial int Int32 { get; set; }
            public partial uint UInt32 { get; set; }
            public partial long Int64 { get; set; }
            public partial ulong UInt64 { get; set; }
            public partial float Single { get; set; }
            public partial double Double { get; set; }
            public partial decimal Decimal { get; set; }
            public partial char Char { get; set; }
            public partial string String { get; set; }
            public partial Guid Guid { get; set; }
            public partial DateTime DateTime { get; set; }
            public partial DateTimeOffset DateTimeOffset { get; set; }
            public partial TimeSpan TimeSpan { get; set; }
            public partial DateOnly DateOnly { get; set; }
            public partial TimeOnly TimeOnly { get; set; }
        }
        """;

    public const string NullableTypes = """
        using System;
        using TypedSessions;

        namespace Shop;

        public sealed class Address
        {
            public string Street { get; set; } = "";
        }

        public readonly record struct Money(decimal Amount, string Currency);

        [SessionState]
        public partial class Checkout
        {
            public partial int? Step { get; set; }
            public partial Guid? OrderId { get; set; }
            public partial DateTimeOffset? StartedAt { get; set; }
            public partial Money? Total { get; set; }
            public partial string? Coupon { get; set; }
            public partial Address? Shipping { get; set; }
            public partial Address Billing { get; set; }
        }
        """;

    public const string Enums = """
        using TypedSessions;

        namespace Shop;

        public enum Theme { Light, Dark }

        [System.Flags]
        public enum Features : byte { None = 0, Beta = 1, Experiments = 2 }

        [SessionState]
        public partial class Preferences
        {
            public partial Theme Theme { get; set; }
            public partial Theme? PreviousTheme { get; set; }
            public partial Features Features { get; set; }
            public partial Theme[] History { get; set; }
        }
        """;

    public const string ArraysAndLists = """
        using System.Collections.Generic;
        using TypedSessions;

        namespace Shop;

        public sealed class Item
        {
            public string Name { get; set; } = "";
        }

        [SessionState]
        public partial class Collections
        {
            public partial int[] Numbers { get; set; }
            public partial string?[] Notes { get; set; }
            public partial int?[]? Scores { get; set; }
            public partial int[][] Jagged { get; set; }
            public partial List<string> Tags { get; set; }
            public partial List<string?> MaybeTags { get; set; }
            public partial List<int?>? Optional { get; set; }
            public partial List<List<int>> Nested { get; set; }
            public partial List<Item> Items { get; set; }
            public partial List<Item?> MaybeItems { get; set; }
            public partial Item[] ItemArray { get; set; }
        }
        """;

    public const string CustomTypesThroughJson = """
        using System.Collections.Generic;
        using TypedSessions;

        namespace Shop;

        public sealed class Profile
        {
            public string Name { get; set; } = "";
        }

        public sealed record Position(double Latitude, double Longitude);

        public sealed class Hidden
        {
            private Hidden() { }
        }

        public struct Point
        {
            public int X { get; set; }
        }

        public sealed class Old
        {
            [System.Obsolete("Use the factory.")]
            public Old() { }
        }

        public sealed class Strict
        {
            public required string Name { get; set; }
        }

        [SessionState]
        public partial class Visitor
        {
            public partial Profile Profile { get; set; }
            public partial Position Position { get; set; }
            public partial Hidden Hidden { get; set; }
            public partial Point Point { get; set; }
            public partial Dictionary<string, int> Visits { get; set; }
            public partial Dictionary<string, List<string?>>? Answers { get; set; }
            public partial IReadOnlyList<Profile> Friends { get; set; }
            public partial (int Count, string Label) Tuple { get; set; }
            public partial object Anything { get; set; }
            public partial dynamic Dynamic { get; set; }
            public partial Old Old { get; set; }
            public partial Strict Strict { get; set; }
            private partial Secret Mine { get; set; }

            public string Reveal() => Mine.Value;

            private sealed class Secret
            {
                public string Value { get; set; } = "";
            }
        }
        """;

    public const string SessionKeyAttribute = """
        using TypedSessions;

        namespace Shop;

        [SessionState]
        public partial class Legacy
        {
            [SessionKey("user_id")] public partial int UserId { get; set; }
            [SessionKey("django.contrib.auth._auth_user_hash")] public partial string? Hash { get; set; }
            [SessionKey("quote \" backslash \\ tab \t")] public partial bool Escaped { get; set; }
            public partial int Plain { get; set; }
        }
        """;

    public const string FormerSessionKeys = """
        using System.Collections.Generic;
        using TypedSessions;

        namespace Shop;

        public sealed record CartLine(string Sku, int Quantity);

        [SessionState("Cart")]
        public partial class CartV2
        {
            [FormerSessionKey("Cart.Items")] public partial List<CartLine> Lines { get; set; }
            [FormerSessionKey("Cart.Count"), FormerSessionKey("count")] public partial int Quantity { get; set; }
            [SessionKey("cur"), FormerSessionKey("Cart.Currency")] public partial string? Currency { get; set; }
            [FormerSessionKey("quote \" backslash")] public partial string? Note { get; private set; }
            public partial int Unchanged { get; set; }
        }
        """;

    public const string MergeRules = """
        using System.Collections.Generic;
        using TypedSessions;

        namespace Shop;

        public sealed class CartLine
        {
            public int ProductId { get; set; }
            public int Quantity { get; set; }
        }

        [SessionState]
        public partial class Cart
        {
            [SessionKey(Identity = nameof(CartLine.ProductId))] public partial List<CartLine> Lines { get; set; }
            [SessionKey("visits", OnConflict = SessionConflict.Sum)] public partial int Visits { get; set; }
            [SessionKey(Identity = "productId", OnConflict = SessionConflict.Reject)] public partial List<CartLine>? Saved { get; set; }
            [SessionKey] public partial string? Coupon { get; set; }
            [SessionKey(Identity = "", OnConflict = (SessionConflict)(-1))] public partial int Ignored { get; set; }
            [SessionKey(OnConflict = (SessionConflict)7)] public partial int? IgnoredToo { get; set; }
        }
        """;

    public const string KeyPrefix = """
        using TypedSessions;

        namespace Shop;

        [SessionState("cart")]
        public partial class Basket
        {
            public partial int Count { get; set; }
            [SessionKey("cur")] public partial string? Currency { get; set; }
        }
        """;

    public const string EmptyKeyPrefix = """
        using TypedSessions;

        namespace Shop;

        [SessionState("")]
        public partial class Flat
        {
            public partial int Count { get; set; }
            public partial string? Name { get; set; }
        }
        """;

    public const string NestedClass = """
        using TypedSessions;

        namespace Shop.Web;

        public static partial class Outer
        {
            internal partial struct Middle
            {
                public partial record Holder
                {
                    [SessionState]
                    internal sealed partial class Inner
                    {
                        public partial bool Flag { get; set; }
                    }
                }
            }
        }
        """;

    public const string Record = """
        using TypedSessions;

        namespace Shop;

        [SessionState]
        public partial record Wizard
        {
            public partial int Step { get; set; }
            public partial string Title { get; set; }
        }
        """;

    public const string SealedClass = """
        using TypedSessions;

        namespace Shop;

        [SessionState]
        internal sealed partial class Counter
        {
            internal partial long Hits { get; set; }
        }
        """;

    public const string GlobalNamespace = """
        using TypedSessions;

        [SessionState]
        public partial class Visits
        {
            public partial int Count { get; set; }
        }
        """;

    public const string PropertyModifiers = """
        using TypedSessions;

        namespace Shop;

        public class Base
        {
            public virtual int Score { get; set; }
            public int Hidden { get; set; }
        }

        [SessionState]
        public partial class Modifiers : Base
        {
            public partial int ReadMostly { get; private set; }
            internal partial string? Internal { get; set; }
            protected internal partial int ProtectedInternal { private protected get; set; }
            public new partial int Hidden { get; set; }
            public override partial int Score { get; set; }
            public virtual partial int Overridable { get; set; }
            private partial int Private { get; set; }

            public int PrivateTwice() => Private * 2;
        }
        """;

    public const string EscapedIdentifiers = """
        using TypedSessions;

        namespace @event.@class;

        [SessionState]
        public partial class Keywords
        {
            public partial int @int { get; set; }
            public partial string? @namespace { get; set; }
        }
        """;

    public const string ClassSplitAcrossFiles = """
        using TypedSessions;

        namespace Shop;

        [SessionState]
        public partial class Split
        {
            public partial int First { get; set; }
        }
        //--- next file ---
        namespace Shop;

        public partial class Split
        {
            public partial int Second { get; set; }

            public partial int Implemented { get; set; }

            public partial int Implemented
            {
                get => 42;
                set { }
            }
        }
        """;

    public const string ObliviousNullability = """
        #nullable disable
        using System.Collections.Generic;
        using TypedSessions;

        namespace Shop;

        [SessionState]
        public partial class Oblivious
        {
            public partial string Name { get; set; }
            public partial List<string> Tags { get; set; }
            public partial string[] Notes { get; set; }
            public partial int? Age { get; set; }
        }
        """;
}
