using System.Net;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Platform;

public sealed class TenantIsolationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task Every_tenant_route_answers_404_to_another_tenants_staff_token()
    {
        var mine = await _api.CreateTenantAsync();
        var theirs = await _api.CreateTenantAsync();
        var routes = Routes.All(_api.Server).Where(r => r.TenantScoped).ToList();
        Assert.NotEmpty(routes);

        using var client = _api.As(mine.OwnerToken);
        var leaks = new List<string>();
        foreach (var route in routes)
        {
            var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path(theirs.Slug));
            if (route.Method is "POST" or "PUT" or "PATCH") request.Content = Api.Json("{}");
            var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.NotFound) leaks.Add($"{route} → {(int)response.StatusCode}");
        }
        Assert.True(leaks.Count == 0, "routes that did not answer 404 to another tenant's token:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public async Task The_same_routes_answer_the_tenants_own_owner_without_404_for_the_tenant()
    {
        // The control for the test above: the 404s come from the tenant check, not from routes that 404 anyway.
        var mine = await _api.CreateTenantAsync();
        using var client = _api.As(mine.OwnerToken);
        var settings = await client.GetAsync($"/api/v1/{mine.Slug}/admin/settings");
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        var staff = await client.GetAsync($"/api/v1/{mine.Slug}/admin/staff");
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
    }

    [Fact]
    public async Task A_partner_key_of_one_tenant_answers_404_on_another()
    {
        var mine = await _api.CreateTenantAsync();
        var theirs = await _api.CreateTenantAsync();
        using var owner = _api.As(mine.OwnerToken);
        await Expect.Status(await owner.PostAsync($"/api/v1/{mine.Slug}/admin/partners",
            Api.Json("""{"code":"relay","name":"Relay 3PL","kind":"logistics"}""")), HttpStatusCode.Created);
        var key = (await Expect.Status(await owner.PostAsync($"/api/v1/{mine.Slug}/admin/partners/relay/api-keys", null), HttpStatusCode.Created))["key"]!.GetValue<string>();
        using var partner = _api.As(key);
        await Expect.Problem(await partner.GetAsync($"/api/v1/{theirs.Slug}/admin/partners"), HttpStatusCode.NotFound, "not_found");
    }
}
