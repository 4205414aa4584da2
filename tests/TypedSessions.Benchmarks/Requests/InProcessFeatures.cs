using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.AspNetCore.Routing;

namespace TypedSessions.Benchmarks.Requests;

/// <summary>
/// A request's features, shaped as Kestrel keeps them: a slot for each feature the framework asks for on every request
/// (found by comparing the type with a short list, as Kestrel's generated code does), a small list for any other, and
/// one collection reset per request rather than reallocated. A dictionary here would make every feature lookup, and so
/// every middleware that adds a feature, look costlier in process than it is on Kestrel.
/// </summary>
internal class InProcessFeatures : IFeatureCollection
{
    private static readonly Type[] Known =
    [
        typeof(IHttpRequestFeature), typeof(IHttpResponseFeature), typeof(IHttpResponseBodyFeature), typeof(IRouteValuesFeature),
        typeof(IEndpointFeature), typeof(IServiceProvidersFeature), typeof(IItemsFeature), typeof(IQueryFeature),
        typeof(IRequestBodyPipeFeature), typeof(IFormFeature), typeof(IHttpAuthenticationFeature), typeof(IHttpRequestIdentifierFeature),
        typeof(IHttpConnectionFeature), typeof(ISessionFeature), typeof(IResponseCookiesFeature), typeof(IRequestCookiesFeature),
        typeof(IHttpRequestLifetimeFeature), typeof(IPersistentStateFeature), typeof(IHttpActivityFeature),
        typeof(IHttpMetricsTagsFeature), typeof(IHttpBodyControlFeature), typeof(IHttpMaxRequestBodySizeFeature),
    ];

    private readonly object?[] _known = new object?[Known.Length];
    private readonly List<KeyValuePair<Type, object>> _extra = [];

    public bool IsReadOnly => false;

    public int Revision { get; private set; }

    public object? this[Type key]
    {
        get
        {
            var slot = SlotOf(key);
            if (slot >= 0)
            {
                return _known[slot];
            }

            foreach (var (type, feature) in _extra)
            {
                if (ReferenceEquals(type, key))
                {
                    return feature;
                }
            }

            return null;
        }
        set
        {
            Revision++;
            var slot = SlotOf(key);
            if (slot >= 0)
            {
                _known[slot] = value;
                return;
            }

            for (var i = 0; i < _extra.Count; i++)
            {
                if (ReferenceEquals(_extra[i].Key, key))
                {
                    _extra.RemoveAt(i);
                    break;
                }
            }

            if (value is not null)
            {
                _extra.Add(new(key, value));
            }
        }
    }

    // Types are compared by reference, one machine word each, as Kestrel's generated code compares them.
    private static int SlotOf(Type key)
    {
        for (var i = 0; i < Known.Length; i++)
        {
            if (ReferenceEquals(Known[i], key))
            {
                return i;
            }
        }

        return -1;
    }

    public TFeature? Get<TFeature>() => (TFeature?)this[typeof(TFeature)];

    public void Set<TFeature>(TFeature? instance) => this[typeof(TFeature)] = instance;

    /// <summary>Empties every slot for the next request, keeping the storage.</summary>
    public void Reset()
    {
        Array.Clear(_known);
        _extra.Clear();
        Revision++;
    }

    public IEnumerator<KeyValuePair<Type, object>> GetEnumerator()
    {
        for (var i = 0; i < Known.Length; i++)
        {
            if (_known[i] is { } feature)
            {
                yield return new(Known[i], feature);
            }
        }

        foreach (var pair in _extra)
        {
            yield return pair;
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
