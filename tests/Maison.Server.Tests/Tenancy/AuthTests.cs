using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Tenancy;

public sealed class AuthTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task The_bootstrapped_operator_can_sign_in_and_create_a_tenant_whose_staff_get_tenant_tokens()
    {
        var tenant = await _api.CreateTenantAsync();
        using var owner = _api.As(tenant.OwnerToken);
        var settings = await Expect.Status(await owner.GetAsync($"/api/v1/{tenant.Slug}/admin/settings"), HttpStatusCode.OK);
        Assert.Equal(tenant.Slug, settings["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_answer()
    {
        using var client = _api.Anonymous();
        var unknown = await Expect.Problem(await client.PostAsJsonAsync("/api/v1/auth/token",
            new { email = "nobody@nowhere.test", password = "whatever-password" }), HttpStatusCode.Unauthorized, "invalid_credentials");
        var wrong = await Expect.Problem(await client.PostAsJsonAsync("/api/v1/auth/token",
            new { email = MaisonServer.OperatorEmail, password = "not-the-password" }), HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(unknown["detail"]!.GetValue<string>(), wrong["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Repeated_failures_for_one_email_are_throttled_even_with_the_right_password()
    {
        var tenant = await _api.CreateTenantAsync();
        using var client = _api.Anonymous();
        var email = $"owner@{tenant.Slug}.test";
        for (var i = 0; i < 5; i++)
        {
            await Expect.Problem(await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "wrong-password", tenant = tenant.Slug }),
                HttpStatusCode.Unauthorized, "invalid_credentials");
        }
        var throttled = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "owner-password-1", tenant = tenant.Slug });
        await Expect.Problem(throttled, HttpStatusCode.TooManyRequests, "too_many_attempts");
        Assert.True(throttled.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task A_refresh_token_rotates_and_reusing_a_spent_one_revokes_the_family()
    {
        using var client = _api.Anonymous();
        var first = await Expect.Status(await client.PostAsJsonAsync("/api/v1/auth/token",
            new { email = MaisonServer.OperatorEmail, password = MaisonServer.OperatorPassword }), HttpStatusCode.OK);
        var refresh1 = first["refreshToken"]!.GetValue<string>();

        var second = await Expect.Status(await client.PostAsJsonAsync("/api/v1/auth/token", new { refreshToken = refresh1 }), HttpStatusCode.OK);
        var refresh2 = second["refreshToken"]!.GetValue<string>();
        Assert.NotEqual(refresh1, refresh2);
        Assert.True(second["expiresIn"]!.GetValue<int>() > 0);

        await Expect.Problem(await client.PostAsJsonAsync("/api/v1/auth/token", new { refreshToken = refresh1 }),
            HttpStatusCode.Unauthorized, "invalid_refresh_token");
        // The replay of refresh1 revoked its family, so its successor is dead too.
        await Expect.Problem(await client.PostAsJsonAsync("/api/v1/auth/token", new { refreshToken = refresh2 }),
            HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Fact]
    public async Task A_tampered_token_is_401()
    {
        var token = await _api.OperatorTokenAsync();
        using var client = _api.As(token[..^4] + "AAAA");
        await Expect.Problem(await client.GetAsync("/api/v1/platform/tenants"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Staff_tokens_carry_only_their_roles_permissions()
    {
        var tenant = await _api.CreateTenantAsync();
        var merchandiser = await _api.StaffTokenAsync(tenant, "merchandiser");
        using var client = _api.As(merchandiser);
        await Expect.Problem(await client.GetAsync($"/api/v1/{tenant.Slug}/admin/staff"), HttpStatusCode.Forbidden, "forbidden");
        await Expect.Problem(await client.GetAsync("/api/v1/platform/tenants"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task An_unknown_role_is_a_validation_error()
    {
        var tenant = await _api.CreateTenantAsync();
        using var owner = _api.As(tenant.OwnerToken);
        var body = await Expect.Problem(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/staff",
            new { email = "x@y.test", password = "long-enough-pass", role = "emperor" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(body["errors"]?["role"]);
    }

    [Fact]
    public async Task Partner_api_keys_are_shown_once_and_authenticate_as_the_partner()
    {
        var tenant = await _api.CreateTenantAsync();
        using var owner = _api.As(tenant.OwnerToken);
        await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/partners",
            new { code = "aurel", name = "Maison Aurel", kind = "brand", brand = "maison-aurel" }), HttpStatusCode.Created);
        var created = await Expect.Status(await owner.PostAsync($"/api/v1/{tenant.Slug}/admin/partners/aurel/api-keys", null), HttpStatusCode.Created);
        var key = created["key"]!.GetValue<string>();
        Assert.StartsWith("mk_", key);

        var partner = await Expect.Status(await owner.GetAsync($"/api/v1/{tenant.Slug}/admin/partners/aurel"), HttpStatusCode.OK);
        Assert.DoesNotContain(key, partner.ToJsonString());

        using var asPartner = _api.As(key);
        // A partner key is not staff: the admin surface is closed to it.
        await Expect.Problem(await asPartner.GetAsync($"/api/v1/{tenant.Slug}/admin/partners"), HttpStatusCode.Forbidden, "forbidden");
        using var forged = _api.As("mk_not-a-real-key");
        await Expect.Problem(await forged.GetAsync($"/api/v1/{tenant.Slug}/admin/partners"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_brand_partner_must_name_its_brand()
    {
        var tenant = await _api.CreateTenantAsync();
        using var owner = _api.As(tenant.OwnerToken);
        await Expect.Problem(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/partners",
            new { code = "nobrand", name = "No brand", kind = "brand" }), HttpStatusCode.BadRequest, "validation_failed");
        await Expect.Problem(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/partners",
            new { code = "weird", name = "Weird", kind = "wholesaler" }), HttpStatusCode.BadRequest, "validation_failed");
    }
}
