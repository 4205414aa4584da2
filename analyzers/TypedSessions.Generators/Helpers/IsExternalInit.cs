// Records and init accessors need this type, which netstandard2.0 lacks (CS0518 without it).
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
