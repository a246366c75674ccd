using System.Security.Claims;

namespace Maison.Commerce.Tenancy.Contracts;

/// <summary>What other modules and the host know of a tenant.</summary>
public sealed record TenantInfo(Guid Id, string Slug, string Name, string DefaultCurrency, IReadOnlyList<string> Currencies);

/// <summary>Finds tenants by slug, cached: every tenant-scoped request asks.</summary>
public interface ITenantDirectory
{
    ValueTask<TenantInfo?> FindBySlugAsync(string slug, CancellationToken ct);

    ValueTask<TenantInfo?> FindByIdAsync(Guid id, CancellationToken ct);

    /// <summary>Every tenant's id, for jobs that sweep all tenants.</summary>
    Task<IReadOnlyList<TenantInfo>> AllAsync(CancellationToken ct);
}

/// <summary>Signs access tokens; the host owns the key (a port, so the module needs no JWT library).</summary>
public interface IAccessTokenIssuer
{
    (string Token, int ExpiresInSeconds) Issue(IEnumerable<Claim> claims);
}

/// <summary>Creates accounts for other modules (Membership registers members through it).</summary>
public interface IAccountRegistry
{
    /// <summary>Creates a login in the current tenant; 409 <c>email_taken</c> if the e-mail is in use there.</summary>
    Task<Guid> CreateMemberAccountAsync(Guid tenantId, string email, string password, string name, CancellationToken ct);
}

/// <summary>Issues partner API keys (Integrations owns partners, Tenancy owns credentials).</summary>
public interface IApiKeyIssuer
{
    /// <summary>Returns the key once; only its hash is kept.</summary>
    Task<string> IssueAsync(Guid tenantId, Guid partnerId, string partnerCode, string? brand, CancellationToken ct);
}
