using System.ComponentModel.DataAnnotations;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Integrations;

public sealed record CreatePartnerRequest(
    [property: Required, RegularExpression(Slugs.Pattern, ErrorMessage = "code must be lower-case letters, digits and hyphens.")] string Code,
    [property: Required, MinLength(1), MaxLength(200)] string Name,
    [property: Required] PartnerKind? Kind,
    [property: RegularExpression(Slugs.Pattern, ErrorMessage = "brand must be a brand slug.")] string? Brand);

public sealed record PartnerResponse(Guid Id, string Code, string Name, PartnerKind Kind, string? Brand, DateTimeOffset CreatedAt)
{
    internal static PartnerResponse From(Partner p) => new(p.Id, p.Code, p.Name, p.Kind, p.Brand, p.CreatedAt);
}

/// <summary>The secret is in this response and nowhere else, ever.</summary>
public sealed record ApiKeyCreatedResponse(string Key, string Partner);

public static class IntegrationsEndpoints
{
    public static void MapIntegrations(this MaisonRoutes routes)
    {
        var partners = routes.Admin.MapGroup("/partners").WithTags("Partners").RequireAuthorization(Permissions.PartnersWrite);
        partners.MapPost("", CreatePartner).WithName("CreatePartner").WithSummary("Register a brand or logistics partner.");
        partners.MapGet("", ListPartners).WithName("ListPartners");
        partners.MapGet("/{code}", GetPartner).WithName("GetPartner");
        partners.MapPost("/{code}/api-keys", CreateApiKey).WithName("CreatePartnerApiKey")
            .WithSummary("Issue an API key for the partner; the key is shown once.");
    }

    private static async Task<Created<PartnerResponse>> CreatePartner(CreatePartnerRequest request, TenantContext tenant, CommerceDb db,
        TimeProvider time, CancellationToken ct)
    {
        if (await db.Set<Partner>().AnyAsync(p => p.Code == request.Code, ct)) throw CodeTaken(request.Code);
        var partner = new Partner(tenant.Required, request.Code, request.Name.Trim(), request.Kind!.Value, request.Brand, time.GetUtcNow());
        db.Set<Partner>().Add(partner);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw CodeTaken(request.Code);
        }
        return TypedResults.Created($"/api/v1/{tenant.Slug}/admin/partners/{partner.Code}", PartnerResponse.From(partner));
    }

    private static async Task<Ok<Page<PartnerResponse>>> ListPartners(int? limit, string? after, CommerceDb db, CancellationToken ct)
    {
        var take = Cursor.Limit(limit);
        var from = Cursor.Decode(after);
        var query = db.Set<Partner>().AsNoTracking();
        if (from is not null) query = query.Where(p => string.Compare(p.Code, from) > 0);
        var rows = await query.OrderBy(p => p.Code).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.ToPage(rows, take, p => p.Code, PartnerResponse.From));
    }

    private static async Task<Ok<PartnerResponse>> GetPartner(string code, CommerceDb db, CancellationToken ct)
    {
        var partner = await db.Set<Partner>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct)
            ?? throw DomainException.NotFound("Partner");
        return TypedResults.Ok(PartnerResponse.From(partner));
    }

    private static async Task<Created<ApiKeyCreatedResponse>> CreateApiKey(string code, TenantContext tenant, CommerceDb db, IApiKeyIssuer keys,
        CancellationToken ct)
    {
        var partner = await db.Set<Partner>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct)
            ?? throw DomainException.NotFound("Partner");
        var key = await keys.IssueAsync(tenant.Required, partner.Id, partner.Code, partner.Brand, ct);
        return TypedResults.Created($"/api/v1/{tenant.Slug}/admin/partners/{partner.Code}", new ApiKeyCreatedResponse(key, partner.Code));
    }

    private static DomainException CodeTaken(string code) => DomainException.Conflict(ProblemCodes.CodeTaken, $"The code '{code}' is taken.");
}
