using System.Security.Claims;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Tenancy;

public sealed record TokenResponse(string AccessToken, int ExpiresIn, string RefreshToken, string TokenType = "Bearer");

/// <summary>Password sign-in and refresh-token rotation.</summary>
internal sealed class AuthService(
    CommerceDb db,
    IPasswordHasher<Account> hasher,
    IAccessTokenIssuer issuer,
    ITenantDirectory tenants,
    LoginThrottle throttle,
    TimeProvider time)
{
    public static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(30);

    // Verifying against a real hash when the e-mail is unknown keeps both answers equally slow.
    private static readonly string DummyHash = new PasswordHasher<Account>().HashPassword(null!, "maison-timing-equaliser");

    public async Task<TokenResponse> SignInAsync(string email, string password, string? tenantSlug, CancellationToken ct)
    {
        var tenantId = Guid.Empty;
        if (!string.IsNullOrEmpty(tenantSlug))
        {
            // An unknown tenant answers like a wrong password: no probing which storefronts exist.
            tenantId = (await tenants.FindBySlugAsync(tenantSlug, ct))?.Id ?? Guid.NewGuid();
        }
        var normalized = Account.Normalize(email);
        var throttleKey = $"{tenantId}:{normalized}";
        throttle.EnsureAllowed(throttleKey);

        var account = await db.Set<Account>().AsNoTracking()
            .SingleOrDefaultAsync(a => a.TenantId == tenantId && a.Email == normalized, ct);
        var verdict = hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? DummyHash, password);
        if (account is null || verdict == PasswordVerificationResult.Failed || account.DisabledAt is not null)
        {
            throttle.Failed(throttleKey);
            throw new DomainException(ProblemCodes.InvalidCredentials, "The e-mail or password is not correct.", 401);
        }
        throttle.Succeeded(throttleKey);
        return await IssueAsync(account, Guid.CreateVersion7(), ct);
    }

    public async Task<TokenResponse> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        var hash = Secrets.Hash(refreshToken);
        var now = time.GetUtcNow();
        var stored = await db.Set<RefreshToken>().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (stored is null || stored.ExpiresAt <= now || stored.RevokedAt is not null)
        {
            throw new DomainException(ProblemCodes.InvalidRefreshToken, "The refresh token is not valid.", 401);
        }

        // Claim the token with one conditional update: of two concurrent uses, exactly one wins.
        var claimed = await db.Set<RefreshToken>()
            .Where(t => t.Id == stored.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (claimed == 0)
        {
            // A used token presented again was stolen or replayed: end the whole family.
            await db.Set<RefreshToken>()
                .Where(t => t.FamilyId == stored.FamilyId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
            throw new DomainException(ProblemCodes.InvalidRefreshToken, "The refresh token is not valid.", 401);
        }

        var account = await db.Set<Account>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == stored.AccountId, ct);
        if (account is null || account.DisabledAt is not null)
        {
            throw new DomainException(ProblemCodes.InvalidRefreshToken, "The refresh token is not valid.", 401);
        }
        return await IssueAsync(account, stored.FamilyId, ct);
    }

    private async Task<TokenResponse> IssueAsync(Account account, Guid familyId, CancellationToken ct)
    {
        var refresh = Secrets.NewToken("rt_");
        db.Set<RefreshToken>().Add(new RefreshToken(account.Id, familyId, Secrets.Hash(refresh), time.GetUtcNow(), RefreshLifetime));
        await db.SaveChangesAsync(ct);
        var (token, expiresIn) = issuer.Issue(ClaimsFor(account));
        return new TokenResponse(token, expiresIn, refresh);
    }

    internal static IEnumerable<Claim> ClaimsFor(Account account)
    {
        yield return new Claim(MaisonClaims.Subject, account.Id.ToString());
        yield return new Claim(MaisonClaims.Kind, account.Kind.ToString().ToLowerInvariant());
        if (account.Kind == AccountKind.Operator)
        {
            yield return new Claim(MaisonClaims.Permission, Permissions.PlatformAdmin);
            yield break;
        }
        yield return new Claim(MaisonClaims.TenantId, account.TenantId.ToString());
        if (account.Kind == AccountKind.Staff && account.Role is { } role)
        {
            yield return new Claim(MaisonClaims.Role, role);
            foreach (var permission in StaffRoles.Grants.GetValueOrDefault(role, []))
            {
                yield return new Claim(MaisonClaims.Permission, permission);
            }
        }
    }
}
