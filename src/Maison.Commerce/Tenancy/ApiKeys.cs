using System.Security.Claims;
using Maison.Commerce.Persistence;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Tenancy;

/// <summary>Partner API keys: <c>mk_</c> + 256 random bits, stored as SHA-256, shown once.</summary>
public sealed class ApiKeys(CommerceDb db, TimeProvider time) : IApiKeyIssuer
{
    public const string Prefix = "mk_";

    public async Task<string> IssueAsync(Guid tenantId, Guid partnerId, string partnerCode, string? brand, CancellationToken ct)
    {
        var key = Secrets.NewToken(Prefix);
        db.Set<ApiKey>().Add(new ApiKey(tenantId, partnerId, partnerCode, brand, Secrets.Hash(key), key[..10], time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return key;
    }

    /// <summary>The principal's claims for a presented key, or null if it is unknown or revoked.</summary>
    public async Task<IReadOnlyList<Claim>?> AuthenticateAsync(string key, CancellationToken ct)
    {
        var hash = Secrets.Hash(key);
        // Keys are looked up before any tenant is known: the hash is the identity.
        var found = await db.Set<ApiKey>().IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, ct);
        if (found is null) return null;
        var claims = new List<Claim>
        {
            new(MaisonClaims.Subject, found.Id.ToString()),
            new(MaisonClaims.Kind, "partner"),
            new(MaisonClaims.TenantId, found.TenantId.ToString()),
            new(MaisonClaims.PartnerId, found.PartnerId.ToString()),
        };
        if (found.Brand is not null) claims.Add(new Claim(MaisonClaims.Brand, found.Brand));
        return claims;
    }
}
