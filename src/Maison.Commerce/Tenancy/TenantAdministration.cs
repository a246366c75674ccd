using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Tenancy;

/// <summary>Tenants and their staff: what the platform operator and a tenant's owner manage.</summary>
public sealed class TenantAdministration(CommerceDb db, IPasswordHasher<Account> hasher, TenantDirectory directory, TimeProvider time)
    : IAccountRegistry
{
    public const int MinPasswordLength = 10;

    public async Task<Tenant> CreateTenantAsync(string slug, string name, Currency defaultCurrency, IEnumerable<Currency> currencies, CancellationToken ct)
    {
        if (await db.Set<Tenant>().AnyAsync(t => t.Slug == slug, ct)) throw SlugTaken(slug);
        var tenant = new Tenant(slug, name, defaultCurrency, currencies, time.GetUtcNow());
        db.Set<Tenant>().Add(tenant);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two operators racing for one slug: the unique index decides, the loser hears why.
            throw SlugTaken(slug);
        }
        return tenant;
    }

    public async Task<Account> AddStaffAsync(Guid tenantId, string email, string password, string name, string role, CancellationToken ct)
    {
        if (!StaffRoles.IsKnown(role))
        {
            throw DomainException.Validation("role", $"role must be one of: {string.Join(", ", StaffRoles.Grants.Keys)}.");
        }
        return await CreateAccountAsync(tenantId, email, password, name, AccountKind.Staff, role, ct);
    }

    public async Task<Guid> CreateMemberAccountAsync(Guid tenantId, string email, string password, string name, CancellationToken ct) =>
        (await CreateAccountAsync(tenantId, email, password, name, AccountKind.Member, null, ct)).Id;

    /// <summary>Creates the platform operator from configuration if that e-mail has no account yet.</summary>
    public async Task<bool> EnsureOperatorAsync(string email, string password, CancellationToken ct)
    {
        var normalized = Account.Normalize(email);
        if (await db.Set<Account>().AnyAsync(a => a.TenantId == Guid.Empty && a.Email == normalized, ct)) return false;
        await CreateAccountAsync(Guid.Empty, email, password, "Platform operator", AccountKind.Operator, null, ct);
        return true;
    }

    public async Task<Tenant> RenameAsync(Guid tenantId, string name, long? expectedVersion, CancellationToken ct)
    {
        var tenant = await db.Set<Tenant>().SingleOrDefaultAsync(t => t.Id == tenantId, ct) ?? throw DomainException.NotFound("Tenant");
        ETags.EnsureMatches(expectedVersion, tenant.Version);
        tenant.Rename(name);
        await ETags.SaveAsync(db, ct);
        directory.Forget(TenantDirectory.ToInfo(tenant));
        return tenant;
    }

    private async Task<Account> CreateAccountAsync(Guid tenantId, string email, string password, string name, AccountKind kind, string? role, CancellationToken ct)
    {
        if (password.Length < MinPasswordLength)
        {
            throw DomainException.Validation("password", $"password must have at least {MinPasswordLength} characters.");
        }
        var account = new Account(tenantId, email, name, kind, role, time.GetUtcNow());
        if (await db.Set<Account>().AnyAsync(a => a.TenantId == tenantId && a.Email == account.Email, ct)) throw EmailTaken();
        account.PasswordHash = hasher.HashPassword(account, password);
        db.Set<Account>().Add(account);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(account).State = EntityState.Detached;
            throw EmailTaken();
        }
        return account;
    }

    private static DomainException SlugTaken(string slug) => DomainException.Conflict(ProblemCodes.SlugTaken, $"The slug '{slug}' is taken.");

    private static DomainException EmailTaken() => DomainException.Conflict(ProblemCodes.EmailTaken, "An account with this e-mail already exists.");
}
