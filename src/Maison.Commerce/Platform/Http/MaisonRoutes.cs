using Microsoft.AspNetCore.Routing;

namespace Maison.Commerce.Platform.Http;

/// <summary>
/// The route groups of API.md, built once by the host with their auth and tenancy already applied; each module maps
/// its endpoints onto the groups it serves.
/// </summary>
/// <param name="Api"><c>/api/v1</c>, anonymous.</param>
/// <param name="Platform"><c>/api/v1/platform</c>, platform operators.</param>
/// <param name="Tenant"><c>/api/v1/{tenant}</c>, tenant resolved, anonymous allowed (storefront, registration).</param>
/// <param name="Admin"><c>/api/v1/{tenant}/admin</c>, that tenant's staff (or an operator); add a permission per endpoint.</param>
/// <param name="Member"><c>/api/v1/{tenant}/me</c>, that tenant's members.</param>
/// <param name="Partner"><c>/api/v1/{tenant}/partner</c>, that tenant's partner API keys.</param>
public sealed record MaisonRoutes(
    RouteGroupBuilder Api,
    RouteGroupBuilder Platform,
    RouteGroupBuilder Tenant,
    RouteGroupBuilder Admin,
    RouteGroupBuilder Member,
    RouteGroupBuilder Partner);

/// <summary>Authorization policy names besides the permission names of <c>Tenancy.Contracts.Permissions</c>.</summary>
public static class Policies
{
    public const string Staff = "staff";
    public const string Member = "member";
    public const string Partner = "partner";
}
