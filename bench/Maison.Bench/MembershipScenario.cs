using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Maison.Bench;

/// <summary>
/// Membership and payments against the demo tenant (start the server with <c>--demo</c>): registrations redeeming one
/// invitation (password hashing bound), the member's own membership read, and captures queueing on one payment's row
/// lock (the serialised path of ADR 0004) versus captures of separate payments.
/// </summary>
public static class MembershipScenario
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchOptions options)
    {
        using var client = LoadRunner.Client(options.Url, options.Connections);
        var tenant = options.Tenant;
        var owner = await TokenAsync(client, options.Extra.GetValueOrDefault("owner-email", "owner@demo.maison.test"),
            options.Extra.GetValueOrDefault("owner-password", "demo-owner-password"), tenant);
        var run = Guid.NewGuid().ToString("N")[..8];

        await SendAsync(client, owner, HttpMethod.Post, $"/api/v1/{tenant}/admin/membership-plans",
            new { code = "bench-gold", name = "Bench Gold", tier = "gold", fee = Gbp(50_000), interval = "year" }, allowConflict: true);
        await SendAsync(client, owner, HttpMethod.Post, $"/api/v1/{tenant}/admin/invitations", new { code = "bench-" + run, maxUses = 1_000_000 });

        var registrations = await LoadRunner.RunAsync("membership", "POST /members (invitation)", Math.Min(options.Connections, 16), options.Duration,
            async (_, n) => (await client.PostAsJsonAsync($"/api/v1/{tenant}/members",
                new { email = $"bench-{run}-{n}@bench.test", password = "bench-password-1", name = "Bench", invitationCode = "bench-" + run })).IsSuccessStatusCode,
            note: "PBKDF2 hash per request");

        var memberEmail = $"bench-{run}-1@bench.test";
        var member = await TokenAsync(client, memberEmail, "bench-password-1", tenant);
        await SendAsync(client, member, HttpMethod.Post, $"/api/v1/{tenant}/me/membership", new { plan = "bench-gold", paymentMethod = new { token = "tok_visa" } });
        var read = await LoadRunner.RunAsync("membership", "GET /me/membership", options.Connections, options.Duration,
            async (_, _) => (await SendRawAsync(client, member, HttpMethod.Get, $"/api/v1/{tenant}/me/membership", null)).IsSuccessStatusCode);

        var finance = owner;
        var one = (await SendAsync(client, finance, HttpMethod.Post, $"/api/v1/{tenant}/admin/payments",
            new { amount = Gbp(1_000_000_000), token = "tok_visa" }))["id"]!.GetValue<string>();
        var hot = await LoadRunner.RunAsync("membership", "capture 1p, one payment", options.Connections, options.Duration,
            async (_, _) => (await SendRawAsync(client, finance, HttpMethod.Post, $"/api/v1/{tenant}/admin/payments/{one}/captures",
                new { amount = Gbp(1) })).IsSuccessStatusCode, note: "queues on one row lock");

        var many = new List<string>();
        for (var i = 0; i < options.Connections; i++)
        {
            many.Add((await SendAsync(client, finance, HttpMethod.Post, $"/api/v1/{tenant}/admin/payments",
                new { amount = Gbp(1_000_000_000), token = "tok_visa" }))["id"]!.GetValue<string>());
        }
        var spread = await LoadRunner.RunAsync("membership", "capture 1p, payment per worker", options.Connections, options.Duration,
            async (worker, _) => (await SendRawAsync(client, finance, HttpMethod.Post, $"/api/v1/{tenant}/admin/payments/{many[worker]}/captures",
                new { amount = Gbp(1) })).IsSuccessStatusCode);

        return [registrations, read, hot, spread];
    }

    private static object Gbp(long minor) => new { currency = "GBP", amountMinor = minor };

    private static async Task<string> TokenAsync(HttpClient client, string email, string password, string tenant)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password, tenant });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["accessToken"]!.GetValue<string>();
    }

    private static async Task<JsonNode> SendAsync(HttpClient client, string token, HttpMethod method, string path, object? body, bool allowConflict = false)
    {
        using var response = await SendRawAsync(client, token, method, path, body);
        if (allowConflict && response.StatusCode == System.Net.HttpStatusCode.Conflict) return new JsonObject();
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static Task<HttpResponseMessage> SendRawAsync(HttpClient client, string token, HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return client.SendAsync(request);
    }
}
