using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Tenancy;

public sealed class TenancyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task A_duplicate_slug_is_409_slug_taken()
    {
        var tenant = await _api.CreateTenantAsync();
        using var op = _api.As(await _api.OperatorTokenAsync());
        await Expect.Problem(await op.PostAsJsonAsync("/api/v1/platform/tenants",
            new { slug = tenant.Slug, name = "Again", defaultCurrency = "GBP" }), HttpStatusCode.Conflict, "slug_taken");
    }

    [Theory]
    [InlineData("platform")]
    [InlineData("auth")]
    [InlineData("admin")]
    [InlineData("health")]
    [InlineData("graphql")]
    public async Task Reserved_slugs_are_refused(string slug)
    {
        using var op = _api.As(await _api.OperatorTokenAsync());
        await Expect.Problem(await op.PostAsJsonAsync("/api/v1/platform/tenants", new { slug, name = "Reserved", defaultCurrency = "GBP" }),
            HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task The_default_currency_joins_the_tenants_currencies_with_their_iso_codes()
    {
        using var op = _api.As(await _api.OperatorTokenAsync());
        var slug = "c-" + Guid.NewGuid().ToString("N")[..10];
        var body = await Expect.Status(await op.PostAsJsonAsync("/api/v1/platform/tenants",
            new { slug, name = "Kuwait", defaultCurrency = "KWD", currencies = new[] { "JPY" } }), HttpStatusCode.Created);
        Assert.Equal(["JPY", "KWD"], body["currencies"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_a_fresh_one_applies()
    {
        var tenant = await _api.CreateTenantAsync();
        using var owner = _api.As(tenant.OwnerToken);
        var read = await owner.GetAsync($"/api/v1/{tenant.Slug}/admin/settings");
        var etag = read.Headers.ETag!;

        var rename = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/{tenant.Slug}/admin/settings") { Content = JsonContent.Create(new { name = "First" }) };
        rename.Headers.IfMatch.Add(etag);
        var renamed = await owner.SendAsync(rename);
        await Expect.Status(renamed, HttpStatusCode.OK);
        Assert.NotEqual(etag, renamed.Headers.ETag);

        var stale = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/{tenant.Slug}/admin/settings") { Content = JsonContent.Create(new { name = "Second" }) };
        stale.Headers.IfMatch.Add(etag);
        await Expect.Problem(await owner.SendAsync(stale), HttpStatusCode.PreconditionFailed, "precondition_failed");

        var now = await Expect.Status(await owner.GetAsync($"/api/v1/{tenant.Slug}/admin/settings"), HttpStatusCode.OK);
        Assert.Equal("First", now["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lists_page_with_cursors_and_reject_bad_limits_and_cursors()
    {
        for (var i = 0; i < 3; i++) await _api.CreateTenantAsync();
        using var op = _api.As(await _api.OperatorTokenAsync());
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await Expect.Status(await op.GetAsync($"/api/v1/platform/tenants?limit=1{(after is null ? "" : "&after=" + after)}"), HttpStatusCode.OK);
            var items = page["items"]!.AsArray();
            Assert.True(items.Count <= 1);
            seen.AddRange(items.Select(t => t!["slug"]!.GetValue<string>()));
            after = page["nextCursor"]?.GetValue<string>();
        } while (after is not null);
        Assert.True(seen.Count >= 3);
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());

        await Expect.Problem(await op.GetAsync("/api/v1/platform/tenants?limit=0"), HttpStatusCode.BadRequest, "validation_failed");
        await Expect.Problem(await op.GetAsync("/api/v1/platform/tenants?limit=101"), HttpStatusCode.BadRequest, "validation_failed");
        await Expect.Problem(await op.GetAsync("/api/v1/platform/tenants?after=%%%"), HttpStatusCode.BadRequest, "validation_failed");
        await Expect.Problem(await op.GetAsync("/api/v1/platform/tenants?limit=abc"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Health_docs_and_openapi_are_served()
    {
        using var client = _api.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        var docs = await client.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("text/html", docs.Content.Headers.ContentType?.ToString());
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/auth/token", openApi);
        Assert.Contains("/api/v1/platform/tenants", openApi);
    }

    [Fact]
    public async Task Unknown_routes_and_methods_answer_problem_details()
    {
        using var client = _api.Anonymous();
        var missing = await client.GetAsync("/api/v1/platform/nothing-here");
        Assert.True(missing.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized);
        var unknownTenant = await client.GetAsync($"/api/v1/no-such-tenant-{Guid.NewGuid():N}/admin/staff");
        Assert.True(unknownTenant.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized);
        Assert.Equal(new MediaTypeHeaderValue("application/problem+json").MediaType, unknownTenant.Content.Headers.ContentType?.MediaType);
    }
}
