using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Tenancy;

public static class TenancyEndpoints
{
    public static void MapTenancy(this MaisonRoutes routes)
    {
        routes.Api.MapPost("/auth/token", IssueToken).WithTags("Auth").WithName("IssueToken")
            .WithSummary("Sign in with e-mail and password (tenant omitted: platform operator), or rotate a refresh token.");

        var tenants = routes.Platform.MapGroup("/tenants").WithTags("Platform");
        tenants.MapPost("", CreateTenant).WithName("CreateTenant").WithSummary("Create a tenant (storefront).");
        tenants.MapGet("", ListTenants).WithName("ListTenants").WithSummary("List tenants by slug.");
        tenants.MapGet("/{slug}", GetTenant).WithName("GetTenant");
        tenants.MapPost("/{slug}/staff", CreateStaffForTenant).WithName("CreateTenantStaff").WithSummary("Add a staff member to a tenant.");

        var admin = routes.Admin.WithTags("Tenant");
        admin.MapGet("/settings", GetSettings).RequireAuthorization(Permissions.StaffWrite).WithName("GetTenantSettings");
        admin.MapPatch("/settings", UpdateSettings).RequireAuthorization(Permissions.StaffWrite).WithName("UpdateTenantSettings")
            .WithSummary("Rename the tenant; send If-Match with the ETag you read.");
        admin.MapGet("/staff", ListStaff).RequireAuthorization(Permissions.StaffWrite).WithName("ListStaff");
        admin.MapPost("/staff", CreateStaff).RequireAuthorization(Permissions.StaffWrite).WithName("CreateStaff");
    }

    private static async Task<Ok<TokenResponse>> IssueToken(TokenRequest request, AuthService auth, CancellationToken ct)
    {
        if (request.RefreshToken is { Length: > 0 } refresh) return TypedResults.Ok(await auth.RefreshAsync(refresh, ct));
        if (string.IsNullOrEmpty(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            throw DomainException.Validation("email", "email and password (or refreshToken) are required.");
        }
        return TypedResults.Ok(await auth.SignInAsync(request.Email, request.Password, request.Tenant, ct));
    }

    private static async Task<Created<TenantResponse>> CreateTenant(CreateTenantRequest request, TenantAdministration admin, CancellationToken ct)
    {
        var tenant = await admin.CreateTenantAsync(request.Slug, request.Name.Trim(), Currency.From(request.DefaultCurrency),
            (request.Currencies ?? []).Select(Currency.From), ct);
        return TypedResults.Created($"/api/v1/platform/tenants/{tenant.Slug}", TenantResponse.From(tenant));
    }

    private static async Task<Ok<Page<TenantResponse>>> ListTenants(int? limit, string? after, CommerceDb db, CancellationToken ct)
    {
        var take = Cursor.Limit(limit);
        var from = Cursor.Decode(after);
        var query = db.Set<Tenant>().AsNoTracking();
        if (from is not null) query = query.Where(t => string.Compare(t.Slug, from) > 0);
        var rows = await query.OrderBy(t => t.Slug).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.ToPage(rows, take, t => t.Slug, TenantResponse.From));
    }

    private static async Task<Results<Ok<TenantResponse>, NotFound>> GetTenant(string slug, CommerceDb db, CancellationToken ct)
    {
        var tenant = await db.Set<Tenant>().AsNoTracking().SingleOrDefaultAsync(t => t.Slug == slug, ct);
        return tenant is null ? TypedResults.NotFound() : TypedResults.Ok(TenantResponse.From(tenant));
    }

    private static async Task<Created<StaffResponse>> CreateStaffForTenant(string slug, CreateStaffRequest request, ITenantDirectory directory,
        TenantAdministration admin, CancellationToken ct)
    {
        var tenant = await directory.FindBySlugAsync(slug, ct) ?? throw DomainException.NotFound("Tenant");
        var account = await admin.AddStaffAsync(tenant.Id, request.Email, request.Password, request.Name ?? request.Email, request.Role, ct);
        return TypedResults.Created($"/api/v1/{slug}/admin/staff/{account.Id}", StaffResponse.From(account));
    }

    private static async Task<Created<StaffResponse>> CreateStaff(CreateStaffRequest request, TenantContext tenant, TenantAdministration admin, CancellationToken ct)
    {
        var account = await admin.AddStaffAsync(tenant.Required, request.Email, request.Password, request.Name ?? request.Email, request.Role, ct);
        return TypedResults.Created($"/api/v1/{tenant.Slug}/admin/staff/{account.Id}", StaffResponse.From(account));
    }

    private static async Task<Ok<Page<StaffResponse>>> ListStaff(int? limit, string? after, TenantContext tenant, CommerceDb db, CancellationToken ct)
    {
        var take = Cursor.Limit(limit);
        var from = Cursor.Decode(after);
        var query = db.Set<Account>().AsNoTracking().Where(a => a.TenantId == tenant.Required && a.Kind == AccountKind.Staff);
        if (from is not null) query = query.Where(a => string.Compare(a.Email, from) > 0);
        var rows = await query.OrderBy(a => a.Email).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.ToPage(rows, take, a => a.Email, StaffResponse.From));
    }

    private static async Task<Ok<TenantResponse>> GetSettings(TenantContext tenant, CommerceDb db, HttpResponse response, CancellationToken ct)
    {
        var row = await db.Set<Tenant>().AsNoTracking().SingleAsync(t => t.Id == tenant.Required, ct);
        response.SetETag(row.Version);
        return TypedResults.Ok(TenantResponse.From(row));
    }

    private static async Task<Ok<TenantResponse>> UpdateSettings(UpdateTenantSettingsRequest request, TenantContext tenant,
        TenantAdministration admin, HttpContext http, CancellationToken ct)
    {
        var row = await admin.RenameAsync(tenant.Required, request.Name.Trim(), http.Request.IfMatch(), ct);
        http.Response.SetETag(row.Version);
        return TypedResults.Ok(TenantResponse.From(row));
    }
}
