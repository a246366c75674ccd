using System.Security.Claims;

namespace Maison.Commerce.Tenancy.Contracts;

public enum CallerKind
{
    Anonymous,
    Operator,
    Staff,
    Member,
    Partner,
}

/// <summary>Claim names of Maison's access tokens.</summary>
public static class MaisonClaims
{
    public const string Subject = "sub";
    public const string Kind = "kind";
    public const string TenantId = "tid";
    public const string Role = "role";
    public const string Permission = "perm";
    public const string PartnerId = "pid";
    public const string Brand = "brand";
}

/// <summary>Who is calling, read once from the authenticated principal.</summary>
public sealed record Caller(CallerKind Kind, Guid AccountId, Guid TenantId, string? Role, Guid PartnerId, string? Brand)
{
    public static readonly Caller Anonymous = new(CallerKind.Anonymous, Guid.Empty, Guid.Empty, null, Guid.Empty, null);

    public bool IsAuthenticated => Kind != CallerKind.Anonymous;

    /// <summary>The identity idempotency keys are scoped to.</summary>
    public string Scope => Kind == CallerKind.Anonymous ? "anonymous" : $"{Kind}:{(Kind == CallerKind.Partner ? PartnerId : AccountId)}";

    public static Caller From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return Anonymous;
        var kind = Enum.TryParse<CallerKind>(user.FindFirstValue(MaisonClaims.Kind), ignoreCase: true, out var k) ? k : CallerKind.Anonymous;
        return new Caller(
            kind,
            Guid.TryParse(user.FindFirstValue(MaisonClaims.Subject), out var sub) ? sub : Guid.Empty,
            Guid.TryParse(user.FindFirstValue(MaisonClaims.TenantId), out var tid) ? tid : Guid.Empty,
            user.FindFirstValue(MaisonClaims.Role),
            Guid.TryParse(user.FindFirstValue(MaisonClaims.PartnerId), out var pid) ? pid : Guid.Empty,
            user.FindFirstValue(MaisonClaims.Brand));
    }
}
