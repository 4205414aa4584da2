using TypedSessions.Generators.Tests.Infrastructure;
using TypedSessions.Generators.Tests.Sources;

namespace TypedSessions.Generators.Tests;

/// <summary>The generated code, file by file, against the baselines in <c>Baselines/&lt;Test&gt;/</c>.</summary>
public sealed class SessionStateGeneratorSnapshotTests
{
    [Fact]
    public void Simple_class() => Verify(SupportedSources.SimpleClass);

    [Fact]
    public void All_primitive_kinds() => Verify(SupportedSources.AllPrimitiveKinds);

    [Fact]
    public void Nullable_value_and_reference_types() => Verify(SupportedSources.NullableTypes);

    [Fact]
    public void Enums() => Verify(SupportedSources.Enums);

    [Fact]
    public void Arrays_and_lists() => Verify(SupportedSources.ArraysAndLists);

    [Fact]
    public void Custom_types_through_json() => Verify(SupportedSources.CustomTypesThroughJson);

    [Fact]
    public void Session_key_attribute() => Verify(SupportedSources.SessionKeyAttribute);

    [Fact]
    public void Merge_rules() => Verify(SupportedSources.MergeRules);

    [Fact]
    public void Former_session_keys() => Verify(SupportedSources.FormerSessionKeys);

    [Fact]
    public void Key_prefix() => Verify(SupportedSources.KeyPrefix);

    [Fact]
    public void Empty_key_prefix() => Verify(SupportedSources.EmptyKeyPrefix);

    [Fact]
    public void Nested_class() => Verify(SupportedSources.NestedClass);

    [Fact]
    public void Record() => Verify(SupportedSources.Record);

    [Fact]
    public void Sealed_class() => Verify(SupportedSources.SealedClass);

    [Fact]
    public void Global_namespace() => Verify(SupportedSources.GlobalNamespace);

    [Fact]
    public void Property_modifiers() => Verify(SupportedSources.PropertyModifiers);

    [Fact]
    public void Escaped_identifiers() => Verify(SupportedSources.EscapedIdentifiers);

    [Fact]
    public void Class_split_across_files() => Verify(SupportedSources.ClassSplitAcrossFiles);

    [Fact]
    public void Oblivious_nullability() => Verify(SupportedSources.ObliviousNullability);

    [Fact]
    public void Unsupported_properties_throw() => Verify(UnsupportedSources.UnsupportedProperties);

    [Fact]
    public void Unsupported_class_shapes_get_throwing_properties() => Verify(UnsupportedSources.UnsupportedClassShapes);

    [Fact]
    public void Unsafe_class() => Verify(UnsupportedSources.UnsafeClass);

    [Fact]
    public void Declarations_the_compiler_rejects_get_throwing_properties() => Verify(RejectedSources.RejectedDeclarations);

    private static void Verify(string source, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
        => Baseline.Verify(GeneratorRunner.Run(source), testName);
}
