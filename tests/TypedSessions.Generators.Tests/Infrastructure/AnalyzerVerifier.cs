using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>
/// Verifies one analyzer over <c>{|TS0001:...|}</c> markup, with the generator running and the references of
/// <see cref="AnalyzerTestSetup"/>. Compiler errors are checked too (a test source must be valid C# apart from what it
/// demonstrates); list an inherent one in the markup (<c>{|CS0751:...|}</c>) or set
/// <see cref="AnalyzerTest{TVerifier}.CompilerDiagnostics"/> on a <see cref="Test"/>.
/// </summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(id);

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>The configured test, for cases that need more files, another language version or other options.</summary>
    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = AnalyzerTestSetup.ReferenceAssemblies;
            AnalyzerTestSetup.Configure(TestState);
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        }

        public LanguageVersion LanguageVersion { get; set; } = AnalyzerTestSetup.DefaultLanguageVersion;

        /// <summary>Off for tests of the analyzer alone (no generated members).</summary>
        public bool RunGenerator { get; set; } = true;

        /// <summary>Compiles as a project with the Request Delegate Generator on does.</summary>
        public bool RequestDelegateGenerator { get; set; }

        protected override ParseOptions CreateParseOptions()
        {
            var options = AnalyzerTestSetup.WithLanguageVersion(base.CreateParseOptions(), LanguageVersion);
            return RequestDelegateGenerator ? AnalyzerTestSetup.WithRequestDelegateGenerator(options) : options;
        }

        protected override CompilationOptions CreateCompilationOptions()
            => AnalyzerTestSetup.WithUserProjectOptions(base.CreateCompilationOptions());

        protected override IEnumerable<Type> GetSourceGenerators()
            => RunGenerator ? [typeof(SessionStateGenerator)] : [];
    }
}
