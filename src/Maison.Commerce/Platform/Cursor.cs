using System.Buffers.Text;
using System.Text;

namespace Maison.Commerce.Platform;

/// <summary>A page of a keyset-paginated list, as API.md shapes it.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Opaque cursors for keyset pagination: the last item's sort key, base64url-encoded.</summary>
public static class Cursor
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    /// <summary>The key inside a cursor, or a 400 if the client sent something we never issued.</summary>
    public static string? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw DomainException.Validation("after", "The cursor is not valid.");
        }
    }

    /// <summary>The page size a client asked for, defaulted and checked against API.md's bounds.</summary>
    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        < 1 or > MaxLimit => throw DomainException.Validation("limit", $"limit must be between 1 and {MaxLimit}."),
        _ => limit.Value,
    };

    /// <summary>Builds a page from up to limit+1 fetched rows: the extra row only says there is more.</summary>
    public static Page<TOut> ToPage<TIn, TOut>(IReadOnlyList<TIn> fetched, int limit, Func<TIn, string> key, Func<TIn, TOut> map)
    {
        var items = fetched.Take(limit).ToList();
        var next = fetched.Count > limit ? Encode(key(items[^1])) : null;
        return new Page<TOut>(items.Select(map).ToList(), next);
    }
}
