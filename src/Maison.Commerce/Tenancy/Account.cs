namespace Maison.Commerce.Tenancy;

public enum AccountKind
{
    Operator,
    Staff,
    Member,
}

/// <summary>
/// A login: a platform operator (no tenant), a tenant's staff member or a tenant's member. E-mails are unique
/// per tenant (operators share <see cref="Guid.Empty"/>). Identity is not tenant-filtered: login crosses tenants by
/// nature, so every query here names its tenant explicitly.
/// </summary>
public sealed class Account
{
    private Account() { }

    public Account(Guid tenantId, string email, string name, AccountKind kind, string? role, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Email = Normalize(email);
        Name = name;
        Kind = kind;
        Role = role;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Email { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string PasswordHash { get; internal set; } = "";

    public AccountKind Kind { get; private set; }

    public string? Role { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DisabledAt { get; private set; }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
