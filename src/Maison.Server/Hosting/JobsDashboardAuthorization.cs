using System.Security.Claims;
using Hangfire.Dashboard;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Maison.Server.Hosting;

/// <summary>
/// The jobs dashboard is for platform operators. API clients send the operator's access token as usual
/// (<c>Authorization: Bearer …</c>); a browser cannot, so it opens <c>/jobs?access_token=…</c> once and the token is
/// then kept in an HTTP-only, same-site cookie scoped to <c>/jobs</c> until it expires. No token: 401; a valid token
/// of anyone but an operator: 403.
/// </summary>
internal sealed class JobsDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public const string QueryParameter = "access_token";
    public const string Cookie = "maison_jobs_token";

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (IsOperator(http.User)) return true;

        var fromQuery = http.Request.Query[QueryParameter].ToString();
        var token = string.IsNullOrEmpty(fromQuery) ? http.Request.Cookies[Cookie] : fromQuery;
        if (string.IsNullOrEmpty(token)) return false;

        var parameters = http.RequestServices.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>()
            .Get(Authentication.JwtScheme).TokenValidationParameters;
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, parameters);
        if (!result.IsValid) return false;
        // Hangfire answers 403 rather than 401 to an authenticated user it refuses.
        http.User = new ClaimsPrincipal(result.ClaimsIdentity);
        if (!IsOperator(http.User)) return false;

        if (!string.IsNullOrEmpty(fromQuery))
        {
            http.Response.Cookies.Append(Cookie, token, new CookieOptions
            {
                HttpOnly = true,
                Secure = http.Request.IsHttps,
                SameSite = SameSiteMode.Strict,
                Path = BackgroundJobs.DashboardPath,
                Expires = result.SecurityToken.ValidTo,
            });
        }
        return true;
    }

    private static bool IsOperator(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.HasClaim(MaisonClaims.Permission, Permissions.PlatformAdmin);
}
