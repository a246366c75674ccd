using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Maison.Commerce.Integrations.Webhooks;

/// <summary>
/// API.md's <c>Maison-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of t + "." + body&gt;</c>, for the webhooks we
/// send and the partner webhooks we receive. The timestamp inside the signed text stops replays of old deliveries.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Maison-Signature";
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, DateTimeOffset timestamp, string body)
    {
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Hex(secret, t, body)}";
    }

    /// <summary>
    /// Whether <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> and its timestamp is
    /// within <paramref name="tolerance"/> of <paramref name="now"/>. Several v1 values (a rotated secret) are accepted.
    /// </summary>
    public static bool Verify(string? header, string secret, string body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(header)) return false;
        string? t = null;
        var candidates = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key == "t") t = value;
            else if (key == "v1") candidates.Add(value);
        }
        if (t is null || candidates.Count == 0 || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if (seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > (tolerance ?? DefaultTolerance)) return false;

        var expected = Encoding.ASCII.GetBytes(Hex(secret, t, body));
        return candidates.Any(c => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(c)));
    }

    private static string Hex(string secret, string t, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body)));
}
