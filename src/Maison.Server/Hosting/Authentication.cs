using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Tenancy;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Maison.Server.Hosting;

/// <summary>
/// One bearer scheme for clients: tokens starting <c>mk_</c> are partner API keys, anything else is a JWT we signed.
/// </summary>
internal static class Authentication
{
    public const string Scheme = "Bearer";
    internal const string JwtScheme = "jwt";
    private const string ApiKeyScheme = "apikey";
    public const string Issuer = "maison";
    public const string Audience = "maison-api";

    public static void AddMaisonAuthentication(this WebApplicationBuilder builder)
    {
        var key = new SymmetricSecurityKey(SigningKey(builder.Configuration));
        var lifetime = TimeSpan.FromMinutes(builder.Configuration.GetValue("Maison:Auth:AccessTokenMinutes", 15));
        builder.Services.AddSingleton<IAccessTokenIssuer>(sp => new JwtIssuer(key, lifetime, sp.GetRequiredService<TimeProvider>()));

        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token or partner API key", o =>
            {
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer " + ApiKeys.Prefix, StringComparison.Ordinal)
                        ? ApiKeyScheme
                        : JwtScheme;
            })
            .AddJwtBearer(JwtScheme, o =>
            {
                o.MapInboundClaims = false;
                // Nothing reads the raw token back from the ticket; storing it allocated properties on every request.
                o.SaveToken = false;
                // Each token is validated once and remembered until it expires (ADR 0014).
                o.TokenHandlers.Clear();
                o.TokenHandlers.Add(new ValidatedTokenCache());
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = Issuer,
                    ValidAudience = Audience,
                    IssuerSigningKey = key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = MaisonClaims.Subject,
                    RoleClaimType = MaisonClaims.Role,
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyScheme, null);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireAssertion(c => Kind(c.User) is CallerKind.Staff or CallerKind.Operator))
            .AddPolicy(Policies.Member, p => p.RequireAssertion(c => Kind(c.User) == CallerKind.Member))
            .AddPolicy(Policies.Partner, p => p.RequireAssertion(c => Kind(c.User) == CallerKind.Partner));
        builder.Services.AddAuthorization(o =>
        {
            foreach (var permission in Permissions.TenantScoped)
            {
                // Operators act as a tenant's owner; staff need the permission their role grants.
                o.AddPolicy(permission, p => p.RequireAssertion(c =>
                    Kind(c.User) == CallerKind.Operator || c.User.HasClaim(MaisonClaims.Permission, permission)));
            }
            o.AddPolicy(Permissions.PlatformAdmin, p => p.RequireClaim(MaisonClaims.Permission, Permissions.PlatformAdmin));
        });
    }

    /// <summary>Only the kind claim: policies run on every request and need no more of the caller.</summary>
    private static CallerKind Kind(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && Enum.TryParse<CallerKind>(user.FindFirst(MaisonClaims.Kind)?.Value, ignoreCase: true, out var kind) ? kind : CallerKind.Anonymous;

    private static byte[] SigningKey(IConfiguration configuration)
    {
        var configured = configuration["Maison:Auth:SigningKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Encoding.UTF8.GetBytes(configured);
            return bytes.Length >= 32 ? bytes : throw new InvalidOperationException("Maison:Auth:SigningKey needs at least 32 bytes.");
        }
        // Embedded default: a random key kept beside the SQLite file, so tokens survive a restart. Replicas must share
        // a configured key instead.
        Directory.CreateDirectory("data");
        const string path = "data/signing.key";
        if (!File.Exists(path)) File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(64));
        return File.ReadAllBytes(path);
    }

    private sealed class JwtIssuer(SymmetricSecurityKey key, TimeSpan lifetime, TimeProvider time) : IAccessTokenIssuer
    {
        private readonly JsonWebTokenHandler _handler = new();
        private readonly SigningCredentials _credentials = new(key, SecurityAlgorithms.HmacSha256);

        public (string Token, int ExpiresInSeconds) Issue(IEnumerable<Claim> claims)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var token = _handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Issuer,
                Audience = Audience,
                Subject = new ClaimsIdentity(claims),
                IssuedAt = now,
                NotBefore = now,
                Expires = now + lifetime,
                SigningCredentials = _credentials,
            });
            return (token, (int)lifetime.TotalSeconds);
        }
    }

    private sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return AuthenticateResult.NoResult();
            var keys = Context.RequestServices.GetRequiredService<ApiKeys>();
            var claims = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
            if (claims is null) return AuthenticateResult.Fail("Unknown API key.");
            var identity = new ClaimsIdentity(claims, ApiKeyScheme, MaisonClaims.Subject, MaisonClaims.Role);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
        }
    }
}
