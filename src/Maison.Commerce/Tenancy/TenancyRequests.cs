using System.ComponentModel.DataAnnotations;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Tenancy;

/// <summary>Password sign-in, or refresh-token rotation when <see cref="RefreshToken"/> is given.</summary>
public sealed record TokenRequest(
    [property: EmailAddress, MaxLength(254)] string? Email,
    [property: MaxLength(200)] string? Password,
    [property: MaxLength(63)] string? Tenant,
    [property: MaxLength(200)] string? RefreshToken);

public sealed record CreateTenantRequest(
    [property: Required, RegularExpression(Slugs.Pattern, ErrorMessage = "slug must be lower-case letters, digits and hyphens.")] string Slug,
    [property: Required, MinLength(1), MaxLength(200)] string Name,
    [property: Required, StringLength(3, MinimumLength = 3)] string DefaultCurrency,
    [property: MaxLength(20)] IReadOnlyList<string>? Currencies);

public sealed record TenantResponse(Guid Id, string Slug, string Name, string DefaultCurrency, IReadOnlyList<string> Currencies, DateTimeOffset CreatedAt)
{
    internal static TenantResponse From(Tenant t) => new(t.Id, t.Slug, t.Name, t.DefaultCurrency, t.Currencies, t.CreatedAt);
}

public sealed record CreateStaffRequest(
    [property: Required, EmailAddress, MaxLength(254)] string Email,
    [property: Required, MinLength(TenantAdministration.MinPasswordLength), MaxLength(200)] string Password,
    [property: Required, MaxLength(40)] string Role,
    [property: MaxLength(200)] string? Name);

public sealed record StaffResponse(Guid Id, string Email, string Name, string Role, DateTimeOffset CreatedAt)
{
    internal static StaffResponse From(Account a) => new(a.Id, a.Email, a.Name, a.Role ?? "", a.CreatedAt);
}

public sealed record UpdateTenantSettingsRequest([property: Required, MinLength(1), MaxLength(200)] string Name);
