using System.Security.Claims;
using System.Text;
using Maison.Server.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Maison.Server.Tests.Platform;

/// <summary>Remembering validated access tokens (ADR 0014) must never accept a token that validation would refuse.</summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("cache-tests-signing-key-long-enough-0123456789"));

    private static readonly TokenValidationParameters Parameters = new()
    {
        ValidIssuer = "maison",
        ValidAudience = "maison-api",
        IssuerSigningKey = Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.Zero,
    };

    private static string Token(DateTime expires, SymmetricSecurityKey? key = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "maison",
            Audience = "maison-api",
            Subject = new ClaimsIdentity([new Claim("sub", "staff-1"), new Claim("kind", "staff")]),
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            IssuedAt = DateTime.UtcNow.AddMinutes(-1),
            Expires = expires,
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.HmacSha256),
        });

    [Fact]
    public async Task A_remembered_token_stops_working_when_it_expires()
    {
        var cache = new ValidatedTokenCache();
        var expires = DateTime.UtcNow.AddSeconds(2);
        var token = Token(expires);

        Assert.True((await cache.ValidateTokenAsync(token, Parameters)).IsValid);
        Assert.True((await cache.ValidateTokenAsync(token, Parameters)).IsValid);
        // Expiry is second-precise in the token: wait until it has surely passed.
        while (DateTime.UtcNow <= expires.AddSeconds(1)) await Task.Delay(200);

        var late = await cache.ValidateTokenAsync(token, Parameters);
        Assert.False(late.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(late.Exception);
    }

    [Fact]
    public async Task A_token_with_a_changed_signature_or_key_is_refused_after_the_genuine_one_was_remembered()
    {
        var cache = new ValidatedTokenCache();
        var token = Token(DateTime.UtcNow.AddMinutes(15));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters)).IsValid);

        // A character inside the signature (the last one may only carry padding bits).
        var i = token.Length - 5;
        var tampered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
        Assert.False((await cache.ValidateTokenAsync(tampered, Parameters)).IsValid);
        var forged = Token(DateTime.UtcNow.AddMinutes(15), new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-key-that-is-also-long-enough-0123456789")));
        Assert.False((await cache.ValidateTokenAsync(forged, Parameters)).IsValid);
        Assert.False((await cache.ValidateTokenAsync(forged, Parameters)).IsValid);
    }

    [Fact]
    public async Task Every_request_gets_its_own_identity_with_the_tokens_claims()
    {
        var cache = new ValidatedTokenCache();
        var token = Token(DateTime.UtcNow.AddMinutes(15));
        var first = await cache.ValidateTokenAsync(token, Parameters);
        var second = await cache.ValidateTokenAsync(token, Parameters);
        second.ClaimsIdentity.AddClaim(new Claim("added", "by a later handler"));

        var third = await cache.ValidateTokenAsync(token, Parameters);
        Assert.NotSame(second.ClaimsIdentity, third.ClaimsIdentity);
        Assert.Null(third.ClaimsIdentity.FindFirst("added"));
        Assert.Equal("staff-1", third.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Equal(first.ClaimsIdentity.Claims.Select(c => (c.Type, c.Value)), third.ClaimsIdentity.Claims.Select(c => (c.Type, c.Value)));
    }
}
