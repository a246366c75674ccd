using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Platform;

/// <summary>Optimistic concurrency for people editing aggregates: ETag out, If-Match in, 412 when stale.</summary>
public static class ETags
{
    public static string Format(long version) => $"\"{version}\"";

    /// <summary>The version an <c>If-Match</c> header names, or null when absent or <c>*</c>.</summary>
    public static long? Parse(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*") return null;
        var value = ifMatch.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        value = value.Trim('"');
        return long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : -1; // a tag we never issued matches nothing
    }

    public static void EnsureMatches(long? expected, long current)
    {
        if (expected is { } version && version != current) throw Stale();
    }

    /// <summary>Saves, turning a lost race on the version column into the same 412 as a stale If-Match.</summary>
    public static async Task SaveAsync(DbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Stale();
        }
    }

    private static DomainException Stale() =>
        new(ProblemCodes.PreconditionFailed, "The resource changed since you read it; fetch it again and retry.", 412);
}
