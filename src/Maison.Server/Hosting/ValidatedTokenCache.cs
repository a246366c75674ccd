using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Maison.Server.Hosting;

/// <summary>
/// Validates each access token once per process and remembers the result until the token expires (ADR 0014).
/// A client sends the same token on every request for its 15 minutes; parsing it, checking its HMAC and building its
/// claims again each time was about an eighth of the server's CPU on an authenticated request. The key is the whole
/// token, signature included, so only a token that validated here before is ever answered from memory; an invalid one is
/// validated (and refused) every time and never remembered. Expiry is checked on every hit the way validation does it
/// (expiry plus the allowed clock skew), so a remembered token stops working exactly when it would have.
/// Access tokens cannot be revoked before they expire (refresh tokens can), so remembering one changes nothing else.
/// </summary>
internal sealed class ValidatedTokenCache : JsonWebTokenHandler
{
    // Enough for every token in use on a busy instance; when full, it starts over rather than tracking recency.
    private const int Capacity = 50_000;

    private readonly ConcurrentDictionary<string, Entry> _validated = new(StringComparer.Ordinal);
    public ValidatedTokenCache() => MapInboundClaims = false;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        // The clock the library's own lifetime check reads, so both agree on when a token expires.
        var now = DateTime.UtcNow;
        if (_validated.TryGetValue(token, out var hit))
        {
            if (now <= hit.Expires + validationParameters.ClockSkew) return hit.Result();
            _validated.TryRemove(token, out _);
        }
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { } validated && result.ClaimsIdentity is { } identity)
        {
            if (_validated.Count >= Capacity) _validated.Clear();
            _validated[token] = new Entry(validated, identity, validated.ValidTo);
        }
        return result;
    }

    private sealed record Entry(SecurityToken Token, System.Security.Claims.ClaimsIdentity Identity, DateTime Expires)
    {
        // A fresh identity per request: a handler downstream may add claims to it, and that must not outlive the request.
        public TokenValidationResult Result() => new() { IsValid = true, SecurityToken = Token, ClaimsIdentity = Identity.Clone() };
    }
}
