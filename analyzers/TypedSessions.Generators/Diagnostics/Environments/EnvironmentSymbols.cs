using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Environments;

/// <summary>
/// The hosting types that tell environments apart, resolved once per compilation: the <c>IsDevelopment()</c>,
/// <c>IsStaging()</c>, <c>IsProduction()</c> and <c>IsEnvironment(name)</c> extensions, and the environment interfaces
/// whose <c>EnvironmentName</c> is compared with a name. The obsolete <c>IHostingEnvironment</c> of ASP.NET Core 2 and
/// its extensions count too, where the compilation still has them.
/// </summary>
internal sealed class EnvironmentSymbols
{
    private static readonly string[] CheckClassNames =
    [
        "Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions",
        "Microsoft.AspNetCore.Hosting.HostingEnvironmentExtensions",
        "Microsoft.Extensions.Hosting.HostingEnvironmentExtensions",
    ];

    private static readonly string[] EnvironmentInterfaceNames =
    [
        "Microsoft.Extensions.Hosting.IHostEnvironment",
        "Microsoft.AspNetCore.Hosting.IHostingEnvironment",
        "Microsoft.Extensions.Hosting.IHostingEnvironment",
    ];

    // Static readonly fields, not constants: Environments.Staging is "Staging".
    private static readonly string[] NameClassNames =
    [
        "Microsoft.Extensions.Hosting.Environments",
        "Microsoft.AspNetCore.Hosting.EnvironmentName",
    ];

    private readonly ImmutableArray<INamedTypeSymbol> _checkClasses;
    private readonly ImmutableArray<INamedTypeSymbol> _environmentInterfaces;
    private readonly ImmutableArray<INamedTypeSymbol> _nameClasses;

    private EnvironmentSymbols(ImmutableArray<INamedTypeSymbol> checkClasses, ImmutableArray<INamedTypeSymbol> environmentInterfaces, ImmutableArray<INamedTypeSymbol> nameClasses)
    {
        _checkClasses = checkClasses;
        _environmentInterfaces = environmentInterfaces;
        _nameClasses = nameClasses;
    }

    public static EnvironmentSymbols Create(Compilation compilation)
        => new(Resolve(compilation, CheckClassNames), Resolve(compilation, EnvironmentInterfaceNames), Resolve(compilation, NameClassNames));

    /// <summary>
    /// The environment a call to <c>IsDevelopment()</c>, <c>IsStaging()</c>, <c>IsProduction()</c> or
    /// <c>IsEnvironment(name)</c> tests (<c>Development</c>), the operation naming it for a name that is not a constant,
    /// or <see langword="null"/> for any other call.
    /// </summary>
    public (string? Name, IOperation? NameOperation)? GetTestedEnvironment(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        if (!_checkClasses.Any(candidate => SymbolEqualityComparer.Default.Equals(method.ContainingType, candidate)))
        {
            return null;
        }

        return method.Name switch
        {
            "IsDevelopment" => ("Development", null),
            "IsStaging" => ("Staging", null),
            "IsProduction" => ("Production", null),
            "IsEnvironment" when invocation.Arguments.FirstOrDefault(static argument => argument.Parameter?.Ordinal == 1)?.Value is { } name
                => (GetName(name), name),
            _ => null,
        };
    }

    /// <summary>The environment name a value is: a string constant, or a field of <c>Environments</c> (<c>Environments.Staging</c>).</summary>
    public string? GetName(IOperation value)
        => value.ConstantValue is { HasValue: true, Value: string constant }
            ? constant
            : value is IFieldReferenceOperation { Field: { IsStatic: true } field }
                && _nameClasses.Any(candidate => SymbolEqualityComparer.Default.Equals(field.ContainingType, candidate))
                    ? field.Name
                    : null;

    /// <summary>Whether the operation reads <c>EnvironmentName</c> of a hosting environment (<c>app.Environment.EnvironmentName</c>).</summary>
    public bool IsEnvironmentName(IOperation operation)
        => operation is IPropertyReferenceOperation { Property: { Name: "EnvironmentName" } property }
            && _environmentInterfaces.Any(candidate => SymbolEqualityComparer.Default.Equals(property.ContainingType, candidate)
                || property.ContainingType.AllInterfaces.Any(implemented => SymbolEqualityComparer.Default.Equals(implemented, candidate)));

    private static ImmutableArray<INamedTypeSymbol> Resolve(Compilation compilation, string[] metadataNames)
        => [.. metadataNames.Select(compilation.GetTypeByMetadataName).Where(static type => type is not null).Select(static type => type!)];
}
