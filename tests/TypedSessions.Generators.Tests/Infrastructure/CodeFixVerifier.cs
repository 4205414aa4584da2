using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>
/// Verifies one code fix: the diagnostics before (markup), the source after, and fix-all (the test framework applies
/// the fixer's <see cref="FixAllProvider"/> in document, project and solution scope and expects the same result).
/// Same references, generator and options as <see cref="AnalyzerVerifier{TAnalyzer}"/>; the fixed states inherit the
/// references from <see cref="AnalyzerTest{TVerifier}.TestState"/>.
/// </summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string id) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(id);

    public static Task VerifyCodeFixAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>The configured test, for cases that need more files, iterations or options.</summary>
    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = AnalyzerTestSetup.ReferenceAssemblies;
            AnalyzerTestSetup.Configure(TestState);
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        }

        public LanguageVersion LanguageVersion { get; set; } = AnalyzerTestSetup.DefaultLanguageVersion;

        /// <summary>Off for tests of the fixer alone (no generated members).</summary>
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
