using System.Buffers;
using System.ComponentModel;
using Microsoft.Extensions.Caching.Hybrid;

namespace Maison.Commerce.Catalog.Caching;

/// <summary>A serialized storefront response and its ETag: the hot path writes these bytes as they are.</summary>
[ImmutableObject(true)]
public sealed class CachedResponse(byte[] body, string etag)
{
    public byte[] Body { get; } = body;

    public string ETag { get; } = etag;

    /// <summary>Computed once when the entry is filled, never per request.</summary>
    public static CachedResponse For(byte[] body) => new(body, $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body).AsSpan(0, 12))}\"");
}

/// <summary>L2 format of <see cref="CachedResponse"/>: ETag length, ETag, body.</summary>
internal sealed class CachedResponseSerializer : IHybridCacheSerializer<CachedResponse>
{
    public CachedResponse Deserialize(ReadOnlySequence<byte> source)
    {
        var bytes = source.ToArray();
        var length = BitConverter.ToInt32(bytes, 0);
        var etag = System.Text.Encoding.ASCII.GetString(bytes, 4, length);
        return new CachedResponse(bytes[(4 + length)..], etag);
    }

    public void Serialize(CachedResponse value, IBufferWriter<byte> target)
    {
        var etag = System.Text.Encoding.ASCII.GetBytes(value.ETag);
        target.Write(BitConverter.GetBytes(etag.Length));
        target.Write(etag);
        target.Write(value.Body);
    }
}
