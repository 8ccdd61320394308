using System.Buffers.Binary;
using Tandem.Web.Platform.Data;

namespace Tandem.Web.Tests.Platform;

/// <summary>Row ids are RFC 9562 version 7 UUIDs like <see cref="Guid.CreateVersion7(DateTimeOffset)"/>'s, made from a buffered random source.</summary>
public sealed class IdsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 16, 30, 0, 123, TimeSpan.Zero);

    [Fact]
    public void An_id_carries_version_7_the_rfc_variant_and_its_millisecond()
    {
        var id = Ids.New(At);
        var bytes = id.ToByteArray(bigEndian: true);
        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, bytes[8] >> 6);
        Span<byte> stamp = stackalloc byte[8];
        bytes.AsSpan(0, 6).CopyTo(stamp[2..]);
        Assert.Equal(At.ToUnixTimeMilliseconds(), BinaryPrimitives.ReadInt64BigEndian(stamp));
        // The same layout as the runtime's own version 7 ids: the first 48 bits are the time.
        Assert.Equal(Guid.CreateVersion7(At).ToString()[..13], id.ToString()[..13]);
    }

    [Fact]
    public async Task Ids_are_unique_across_many_refills_of_the_buffer_and_across_threads()
    {
        var seen = new HashSet<Guid>();
        for (var i = 0; i < 20_000; i++)
        {
            Assert.True(seen.Add(Ids.New(At)));
        }

        var other = await Task.Run(() => Enumerable.Range(0, 20_000).Select(_ => Ids.New(At)).ToList());
        Assert.All(other, id => Assert.True(seen.Add(id)));
        // 74 random bits per id: no two of 40,000 share their random part either.
        Assert.Equal(40_000, seen.Select(id => id.ToString()[14..]).Distinct().Count());
    }

    [Fact]
    public void A_later_id_sorts_after_an_earlier_one_as_text_and_as_the_databases_compare_uuids()
    {
        var earlier = Ids.New(At);
        var later = Ids.New(At.AddMilliseconds(1));
        Assert.True(string.CompareOrdinal(earlier.ToString(), later.ToString()) < 0);
        Assert.True(earlier.CompareTo(later) < 0);
    }

    [Fact]
    public void A_time_before_1970_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Ids.New(new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero)));
}
