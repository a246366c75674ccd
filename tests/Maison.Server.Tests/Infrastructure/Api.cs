using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Maison.Server.Tests.Infrastructure;

/// <summary>Arranges data through the public API, as a client would: tokens, tenants, staff.</summary>
public sealed class Api(MaisonServer server)
{
    public MaisonServer Server => server;

    public HttpClient Anonymous() => server.CreateClient();

    public HttpClient As(string token) => server.CreateClient(token);

    public async Task<string> TokenAsync(string email, string password, string? tenant = null)
    {
        using var client = server.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password, tenant });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {email} failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["accessToken"]!.GetValue<string>();
    }

    public Task<string> OperatorTokenAsync() => TokenAsync(MaisonServer.OperatorEmail, MaisonServer.OperatorPassword);

    /// <summary>A new tenant with an owner; returns its slug and the owner's token.</summary>
    public async Task<TestTenant> CreateTenantAsync(string? slug = null, string defaultCurrency = "GBP", params string[] currencies)
    {
        slug ??= "t-" + Guid.NewGuid().ToString("N")[..12];
        using var op = server.CreateClient(await OperatorTokenAsync());
        var created = await op.PostAsJsonAsync("/api/v1/platform/tenants",
            new { slug, name = "Tenant " + slug, defaultCurrency, currencies = currencies.Length > 0 ? currencies : new[] { "EUR", "JPY" } });
        await Expect.Status(created, HttpStatusCode.Created);
        var ownerEmail = $"owner@{slug}.test";
        const string password = "owner-password-1";
        await Expect.Status(await op.PostAsJsonAsync($"/api/v1/platform/tenants/{slug}/staff",
            new { email = ownerEmail, password, role = "owner" }), HttpStatusCode.Created);
        return new TestTenant(slug, await TokenAsync(ownerEmail, password, slug));
    }

    /// <summary>Adds a staff member with <paramref name="role"/> to a tenant and signs them in.</summary>
    public async Task<string> StaffTokenAsync(TestTenant tenant, string role)
    {
        using var owner = server.CreateClient(tenant.OwnerToken);
        var email = $"{role}-{Guid.NewGuid():N}@{tenant.Slug}.test";
        await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/staff",
            new { email, password = "staff-password-1", role }), HttpStatusCode.Created);
        return await TokenAsync(email, "staff-password-1", tenant.Slug);
    }

    public static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");
}

public sealed record TestTenant(string Slug, string OwnerToken);

public static class Expect
{
    public static async Task<JsonNode> Status(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return string.IsNullOrEmpty(body) ? new JsonObject() : JsonNode.Parse(body)!;
    }

    /// <summary>Asserts a problem response with the given status and stable code.</summary>
    public static async Task<JsonNode> Problem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await Status(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, body["code"]?.GetValue<string>());
        return body;
    }

    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
