namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>
/// A project of many <c>[SessionState]</c> classes, one per file, each with ten partial properties of the kinds a real
/// state holds (an int, a nullable string, a Guid, a DateTimeOffset, an enum, a list of records, a bool, a long, a
/// decimal, a list of strings), in namespaces laid out by area and channel, and one file with the shared enum and
/// record. The input of the edit-caching test and of the generator's benchmarks (linked into them).
/// </summary>
internal static class ManyStateClassesInput
{
    /// <summary>
    /// A one-character edit of a property name (<c>Visits</c> to <c>Visitz</c>): it changes the property and its session
    /// key, so the edited class's generated file changes and no other.
    /// </summary>
    public static readonly (string Before, string After) PropertyNameEdit = ("int Visits {", "int Visitz {");

    /// <summary>
    /// A one-character edit of a comment inside the class: the file is parsed and the class read again, but its model
    /// is the same, so even the edited class's output stays cached.
    /// </summary>
    public static readonly (string Before, string After) CommentEdit = ("once per visit.", "once per visiT.");

    private static readonly string[] Areas = ["Checkout", "Catalog", "Accounts", "Support", "Marketing", "Shipping", "Billing", "Search", "Reviews", "Wishlists"];
    private static readonly string[] Channels = ["Web", "Api", "Admin", "Mobile", "Partners"];

    /// <summary>The shared types' file, then the file of class <c>i</c> at index <c>i + 1</c>.</summary>
    public static string[] Create(int classes) => [SharedTypes, .. Enumerable.Range(0, classes).Select(StateClass)];

    /// <summary>The index in <see cref="Create"/> of the file that declares class <paramref name="index"/>.</summary>
    public static int FileOf(int index) => index + 1;

    /// <summary>The generated file's name for class <paramref name="index"/>.</summary>
    public static string HintName(int index) => $"{Namespace(index)}.{ClassName(index)}.g.cs";

    private static string Namespace(int index) => $"Contoso.Shop.{Areas[index % Areas.Length]}.{Channels[index / Areas.Length % Channels.Length]}";

    private static string ClassName(int index) => $"{Areas[index % Areas.Length]}State{index:D4}";

    private const string SharedTypes = """
        namespace Contoso.Shop.Shared;

        public enum Theme
        {
            System,
            Light,
            Dark,
        }

        public sealed record LineItem(int ProductId, string Name, int Quantity, decimal UnitPrice);
        """;

    private static string StateClass(int index) => $$"""
        using System;
        using System.Collections.Generic;
        using Contoso.Shop.Shared;
        using TypedSessions;

        namespace {{Namespace(index)}};

        /// <summary>What this part of the shop remembers between a visitor's requests.</summary>
        [SessionState]
        public sealed partial class {{ClassName(index)}}
        {
            // Counted once per visit.
            public partial int Visits { get; set; }

            public partial string? DisplayName { get; set; }

            public partial Guid CorrelationId { get; set; }

            public partial DateTimeOffset LastSeen { get; set; }

            public partial Theme Theme { get; set; }

            public partial List<LineItem> Lines { get; set; }

            public partial bool IsReturning { get; set; }

            public partial long BytesUploaded { get; set; }

            public partial decimal Balance { get; set; }

            public partial List<string> RecentSearches { get; set; }
        }
        """;
}
