using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.DistributedCache;
using TypedSessions.Stores.Tests.Infrastructure;

namespace TypedSessions.Stores.Tests.DistributedCache;

/// <summary>
/// Envelopes of other layouts: the two-field form from before versioning (<c>e</c> and <c>v</c>) loads as version 1;
/// one written by a newer version is reported unreadable instead of being read as this one's layout.
/// </summary>
public sealed class DistributedCacheRecordFormatTests
{
    private const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly MemoryDistributedCache _cache = new(Options.Create(new MemoryDistributedCacheOptions()));

    [Fact]
    public async Task An_entry_in_the_two_field_form_from_before_versioning_loads_as_version_one()
    {
        var expiresAt = Start.AddHours(1).AddMilliseconds(250);
        await PutAsync($$$"""{"e":{{{expiresAt.ToUnixTimeMilliseconds()}}},"v":{"count":3,"name":"Ann"}}""");

        var loaded = await CreateStore().LoadAsync(Id);

        RecordFormatAssert.LoadsAsVersionOneWithoutMetadata(loaded, expiresAt);
    }

    [Fact]
    public async Task An_entry_in_the_two_field_form_can_be_updated_and_is_then_written_in_the_current_form()
    {
        await PutAsync($$$"""{"e":{{{Start.AddHours(1).ToUnixTimeMilliseconds()}}},"v":{"count":3}}""");
        var store = CreateStore();
        var update = new SessionChanges
        {
            Values = new Dictionary<string, string> { ["count"] = "4" },
            Changed = new Dictionary<string, string> { ["count"] = "4" },
            Removed = [],
            ExpiresAt = Start.AddHours(2),
            SavedAt = Start,
        };

        Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync(Id, update));

        Assert.Equal(
            $$$"""{"f":{{{SessionRecordFormat.CurrentVersion}}},"e":{{{Start.AddHours(2).ToUnixTimeMilliseconds()}}},"s":{{{Start.ToUnixTimeMilliseconds()}}},"v":{"count":4}}""",
            Encoding.UTF8.GetString((await _cache.GetAsync(DistributedCacheSessionRecordStoreOptions.DefaultKeyPrefix + Id))!));
    }

    [Fact]
    public async Task An_entry_of_a_newer_format_version_is_unreadable()
    {
        var newer = SessionRecordFormat.CurrentVersion + 1;
        await PutAsync($$$"""{"f":{{{newer}}},"e":{{{Start.AddHours(1).ToUnixTimeMilliseconds()}}},"v":{"a":1}}""");

        var loaded = await CreateStore().LoadAsync(Id);

        RecordFormatAssert.IsUnreadableForItsVersion(loaded, newer);
    }

    private Task PutAsync(string json)
        => _cache.SetAsync(DistributedCacheSessionRecordStoreOptions.DefaultKeyPrefix + Id, Encoding.UTF8.GetBytes(json), new DistributedCacheEntryOptions());

    private DistributedCacheSessionRecordStore CreateStore()
        => new(_cache, Options.Create(new DistributedCacheSessionRecordStoreOptions()), _time);
}
