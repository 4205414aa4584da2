using Microsoft.CodeAnalysis;

namespace TypedSessions.Generators.Diagnostics;

/// <summary>
/// Every TypedSessions diagnostic. TS0001–TS0099 are errors in <c>[SessionState]</c> declarations; TS0100 and up
/// flag session state that is read or changed but can never be saved. Each links to its page,
/// <c>docs/diagnostics/&lt;ID&gt;.md</c>, on the repository's web site.
/// </summary>
internal static class DiagnosticDescriptors
{
    // Absolute, so an IDE can open it; RepositoryInfo.Url is written from $(RepositoryUrl) at build time.
    private const string HelpLinkBase = RepositoryInfo.Url + "/blob/main/docs/diagnostics/";

    public const string NotPartialId = "TS0001";
    public const string NotPartialPropertyId = "TS0002";
    public const string UnstorableTypeId = "TS0003";
    public const string DuplicateKeyId = "TS0004";
    public const string UnsupportedShapeId = "TS0005";
    public const string MergeRuleMismatchId = "TS0006";
    public const string ChangedButNotSavedId = "TS0101";
    public const string ChangedWhereNeverSavedId = "TS0102";
    public const string MiddlewareMissingId = "TS0103";
    public const string SyncOverAsyncLoadId = "TS0104";
    public const string UntypedInPlaceChangeId = "TS0105";
    public const string HiddenFromRequestDelegateGeneratorId = "TS0106";
    public const string SchemaKeyNoLongerStoredId = "TS0201";
    public const string SchemaTypeCannotBeReadId = "TS0202";
    public const string KeyNotInSchemaId = "TS0203";

    /// <summary>
    /// TS0001: <c>The [SessionState] class 'Cart' cannot be implemented: it must be declared partial</c>; the second
    /// argument names what lacks <c>partial</c>: <c>it</c>, <c>it and its containing type 'Outer'</c>,
    /// <c>its containing types 'A' and 'B'</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor NotPartial = Error(
        NotPartialId,
        "[SessionState] class must be partial",
        "The [SessionState] class '{0}' cannot be implemented: {1} must be declared partial",
        "The generator implements the properties of a [SessionState] class in another part of the class; the class and every type containing it must be declared partial.");

    /// <summary>
    /// TS0002: <c>Session property 'Cart.Count' must be a partial instance property with get and set accessors and no
    /// body: a static property is shared by every session; session values are instance properties</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor NotPartialProperty = Error(
        NotPartialPropertyId,
        "Session property must be a partial property with get and set accessors",
        "Session property '{0}' must be a partial instance property with get and set accessors and no body: {1}",
        "Every session key of a [SessionState] class is declared as 'public partial T Name { get; set; }'; the generator writes the accessors.");

    /// <summary>
    /// TS0003: <c>Property 'Cart.Upload' cannot be stored in a session: 'System.IO.Stream' cannot be serialized: a stream
    /// is an open resource, not data</c>; the reason names the offending type, which may be an element or type argument.
    /// </summary>
    public static readonly DiagnosticDescriptor UnstorableType = Error(
        UnstorableTypeId,
        "Property type cannot be stored in a session",
        "Property '{0}' cannot be stored in a session: {1}",
        "Session values are stored as JSON; delegates, pointers, streams, tasks, HTTP objects, open generic types and interfaces without a known implementation cannot round-trip.");

    /// <summary>
    /// TS0004: <c>'Order.Total' and 'Cart.Total' both use the session key 'total'</c>, reported on the
    /// later declaration, naming the first. Found at the end of the compilation (all classes seen), hence the
    /// <see cref="WellKnownDiagnosticTags.CompilationEnd"/> tag.
    /// </summary>
    public static readonly DiagnosticDescriptor DuplicateKey = Error(
        DuplicateKeyId,
        "Two session properties map to the same key",
        "'{0}' and '{1}' both use the session key '{2}'",
        "Two properties that share a stored key overwrite each other, and a property that reads another's key as a former key ([FormerSessionKey]) moves its value away; give one a different [SessionKey] or its class a different prefix, or drop the former key.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>
    /// TS0005: <c>The [SessionState] class 'Box&lt;T&gt;' has an unsupported shape: a [SessionState] class cannot be
    /// generic or nested in a generic type</c>; one diagnostic per reason.
    /// </summary>
    public static readonly DiagnosticDescriptor UnsupportedShape = Error(
        UnsupportedShapeId,
        "Unsupported [SessionState] class shape",
        "The [SessionState] class '{0}' has an unsupported shape: {1}",
        "A [SessionState] class must be a non-generic, non-static partial class or record class without its own constructors, compiled as C# 13 or later.");

    /// <summary>
    /// TS0006: <c>'Cart.Lines' declares Identity = "Sku", but the elements of its collections have no property 'Sku';
    /// they are told apart by their whole value</c>, or <c>'Cart.Coupon' declares OnConflict = Sum, but 'string' holds no
    /// number; its conflicts are settled as LastWriterWins</c>. A warning: the merge still works, only not as declared.
    /// </summary>
    public static readonly DiagnosticDescriptor MergeRuleMismatch = DeclarationWarning(
        MergeRuleMismatchId,
        "A [SessionKey] merge rule does not fit the property's type",
        "'{0}' declares {1}, but {2}",
        "Identity names the property that tells apart the elements of the value's collections, and OnConflict = Sum adds numbers; a rule that finds neither is not applied.");

    /// <summary>
    /// TS0101: <c>Session 'session' is opened outside a request and changed, but not saved on every path that follows:
    /// await session.SaveAsync()</c>; for a typed view opened without a <c>Session</c> variable the advice is to keep one.
    /// </summary>
    public static readonly DiagnosticDescriptor ChangedButNotSaved = Warning(
        ChangedButNotSavedId,
        "Session opened outside a request is changed but not saved",
        "Session '{0}' is opened outside a request and changed, but not saved on every path that follows: {1}",
        "A session opened through ISessionManager is saved only by an awaited SaveAsync(); without it the change is lost.");

    /// <summary>TS0102: <c>Session state is changed after the response has started; the change can never be saved</c>.</summary>
    public static readonly DiagnosticDescriptor ChangedWhereNeverSaved = Warning(
        ChangedWhereNeverSavedId,
        "Session state is changed where it can never be saved",
        "Session state is changed {0}; the change can never reach the store or the cookie",
        "The session is saved when the response starts; a change after that, in OnCompleted, or in fire-and-forget work that outlives the request is lost.");

    /// <summary>
    /// TS0103: <c>AddTypedSessions() is registered, but app.UseTypedSessions() is never called: …</c> or
    /// <c>UseTypedSessions() is called only when 'app.Environment.IsDevelopment()' is true: …</c> (both found at the end
    /// of the compilation, hence the <see cref="WellKnownDiagnosticTags.CompilationEnd"/> tag), or
    /// <c>UseTypedSessions() is called after the terminal 'Run(...)' on line 12: …</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor MiddlewareMissing = Warning(
        MiddlewareMissingId,
        "TypedSessions middleware is missing or misplaced",
        "{0}",
        "Without app.UseTypedSessions(), called in every environment and before the endpoints that use it, no request has a session and every access throws.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>TS0104: <c>'GetSessionAsync().Result' blocks a thread on session I/O: await it</c>.</summary>
    public static readonly DiagnosticDescriptor SyncOverAsyncLoad = Warning(
        SyncOverAsyncLoadId,
        "Session loaded with sync-over-async",
        "'{0}' blocks a thread on session I/O: await it instead",
        "Blocking on the session loading APIs ties up a thread pool thread per request and can deadlock; await them.");

    /// <summary>
    /// TS0105 (info): <c>The value of session key 'cart' is read with Session.Get&lt;T&gt;(key) and changed in place: this is
    /// saved, but a typed [SessionState] property would name the key and its type once</c>; for the reads that hand out
    /// an untracked copy (<c>TryGet</c>, <c>Get(key, defaultValue)</c>, <c>SetDefault</c>) the last part says the change is lost.
    /// </summary>
    public static readonly DiagnosticDescriptor UntypedInPlaceChange = new(
        UntypedInPlaceChangeId,
        "Value read through the untyped API is changed in place",
        "The value of session key '{0}' is read with {1} and changed in place: {2}",
        DiagnosticCategories.Usage,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "TypedSessions saves in-place changes of values read through Session.Get<T>(key), unlike Django; a [SessionState] property makes the key and type compile-time checked.",
        helpLinkUri: HelpLinkBase + UntypedInPlaceChangeId + ".md");

    /// <summary>
    /// TS0106: <c>The Request Delegate Generator binds parameter 'cart' as a request body, because it cannot see that
    /// 'Cart' is session state: declare 'Cart : ISessionState&lt;Cart&gt;'</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor HiddenFromRequestDelegateGenerator = Warning(
        HiddenFromRequestDelegateGeneratorId,
        "Session state parameter is invisible to the Request Delegate Generator",
        "The Request Delegate Generator binds parameter '{0}' as a request body, because it cannot see that '{1}' is session state: declare '{1} : ISessionState<{1}>'",
        "Source generators do not see each other's output, so the Request Delegate Generator (on with EnableRequestDelegateGenerator or PublishAot) misses the ISessionState<T> that the TypedSessions generator adds; naming it in the class declaration lets the generated endpoint load the session.");

    /// <summary>
    /// TS0201: <c>Session key 'Cart.Lines' is recorded in SessionSchema.txt but no property stores it any more: every live
    /// session keeps a value nothing reads</c>, at the file's line.
    /// </summary>
    public static readonly DiagnosticDescriptor SchemaKeyNoLongerStored = new(
        SchemaKeyNoLongerStoredId,
        "A key the shipped app stores is no longer stored",
        "Session key '{0}' is recorded in {1} but no property stores or reads it any more: every live session keeps a value nothing reads",
        DiagnosticCategories.Schema,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Renaming or removing a session property changes its stored key, so after the deploy every live session loses that value. Name the old key in [FormerSessionKey] on the property it became, or remove its line from the schema file if the removal is deliberate.",
        helpLinkUri: HelpLinkBase + SchemaKeyNoLongerStoredId + ".md",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>
    /// TS0202: <c>Session property 'Count' is string, which cannot read the int that SessionSchema.txt records for key
    /// 'Cart.Count': every live session would read it as missing</c>, at the property.
    /// </summary>
    public static readonly DiagnosticDescriptor SchemaTypeCannotBeRead = new(
        SchemaTypeCannotBeReadId,
        "A property's type cannot read what the shipped app stores",
        "Session property '{0}' is {1}, which cannot read the {2} that {4} records for key '{3}': every live session would read it as missing",
        DiagnosticCategories.Schema,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Live sessions hold the key's value as the schema file records its type. A wider number, T to T?, one list or array type to another, and the same type with new optional members read it; a number to a string, a list to a scalar, or another class do not, and every such value would be lost after the deploy.",
        helpLinkUri: HelpLinkBase + SchemaTypeCannotBeReadId + ".md",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>TS0203 (info): <c>Session key 'Cart.Count' is not recorded in SessionSchema.txt yet: add 'Cart.Count: int'</c>.</summary>
    public static readonly DiagnosticDescriptor KeyNotInSchema = new(
        KeyNotInSchemaId,
        "A stored key is not in the schema file",
        "Session key '{0}' is not recorded in {1} yet: add '{2}'",
        DiagnosticCategories.Schema,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "SessionSchema.txt records every key the app stores, so that a later rename or type change is caught before it ships.",
        helpLinkUri: HelpLinkBase + KeyNotInSchemaId + ".md",
        WellKnownDiagnosticTags.CompilationEnd);

    private static DiagnosticDescriptor Error(string id, string title, string message, string description, params string[] customTags)
        => new(id, title, message, DiagnosticCategories.Declaration, DiagnosticSeverity.Error, isEnabledByDefault: true, description, HelpLinkBase + id + ".md", customTags);

    private static DiagnosticDescriptor DeclarationWarning(string id, string title, string message, string description)
        => new(id, title, message, DiagnosticCategories.Declaration, DiagnosticSeverity.Warning, isEnabledByDefault: true, description, HelpLinkBase + id + ".md");

    private static DiagnosticDescriptor Warning(string id, string title, string message, string description, params string[] customTags)
        => new(id, title, message, DiagnosticCategories.Usage, DiagnosticSeverity.Warning, isEnabledByDefault: true, description, HelpLinkBase + id + ".md", customTags);
}
