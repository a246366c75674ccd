using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Tenancy.Contracts;

namespace Maison.Server.Hosting;

/// <summary>Marks endpoints under <c>/api/v1/{tenant}</c>.</summary>
internal sealed class TenantScopedMetadata
{
    public static readonly TenantScopedMetadata Instance = new();
}

/// <summary>
/// Resolves <c>{tenant}</c> before authorization runs, so that an unknown tenant and another tenant's token both
/// answer 404 (never 403: a token must not learn what exists elsewhere).
/// </summary>
internal sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ITenantDirectory directory, TenantContext tenant)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<TenantScopedMetadata>() is null)
        {
            await next(context);
            return;
        }

        var slug = context.GetRouteValue("tenant") as string;
        var found = string.IsNullOrEmpty(slug) ? null : await directory.FindBySlugAsync(slug, context.RequestAborted);
        var caller = context.Caller();
        if (found is null || (caller.IsAuthenticated && caller.Kind != CallerKind.Operator && caller.TenantId != found.Id))
        {
            throw DomainException.NotFound("Tenant");
        }
        tenant.Set(found.Id, found.Slug);
        await next(context);
    }
}
