using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Platform;

/// <summary>No input makes a 500: a corpus of malformed bodies against every POST, PUT and PATCH the host serves.</summary>
public sealed class MalformedInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;
    private readonly MaisonServer _server = fixture.Server;

    // 42 fields of this stay under the 1 MiB body limit, so the handlers (not Kestrel) must refuse them.
    private static readonly string Huge = new('x', 20_000);

    // Field names used across the API, each given wrong types, huge strings, negatives and unknown enum values.
    private static readonly string[] Fields =
    [
        "slug", "name", "email", "password", "tenant", "refreshToken", "defaultCurrency", "currencies", "role", "code", "kind", "brand",
        "title", "description", "status", "variants", "sku", "quantity", "onHand", "currency", "amountMinor", "lines", "items", "plan",
        "fee", "interval", "maxUses", "expiresAt", "rates", "percentOff", "amountOff", "usageLimit", "url", "events", "secret",
        "shippingAddress", "paymentMethod", "invitationCode", "asOf", "location", "carrier", "trackingNumber",
    ];

    public static IEnumerable<string> Corpus()
    {
        yield return "";
        yield return "{";
        yield return "}";
        yield return "[]";
        yield return "null";
        yield return "42";
        yield return "\"text\"";
        yield return "{\"a\":}";
        yield return "{'single':'quotes'}";
        yield return "{\"slug\":\"\\uD800\"}";
        yield return new string('[', 5000) + new string(']', 5000);
        yield return "{" + string.Join(",", Fields.Select(f => $"\"{f}\":\"{Huge}\"")) + "}";
        yield return "{" + string.Join(",", Fields.Select(f => $"\"{f}\":-1")) + "}";
        yield return "{" + string.Join(",", Fields.Select(f => $"\"{f}\":-9223372036854775809")) + "}";
        yield return "{" + string.Join(",", Fields.Select(f => $"\"{f}\":1e400")) + "}";
        yield return "{" + string.Join(",", Fields.Select(f => $"\"{f}\":[1,{{}},null]")) + "}";
        yield return "{" + string.Join(",", Fields.Select(f => $"\"{f}\":{{\"nested\":true}}")) + "}";
        yield return "{" + string.Join(",", Fields.Select(f => $"\"{f}\":\"not-an-enum-value\"")) + "}";
        yield return "{" + string.Join(",", Fields.Select(f => $"\"{f}\":null")) + "}";
        yield return "{" + string.Join(",", Fields.Select(f => $"\"{f}\":true")) + "}";
        yield return "{\"lines\":[{\"sku\":\"A\",\"quantity\":-5}],\"items\":[{\"sku\":\"A\",\"onHand\":-1,\"asOf\":\"yesterday\"}]}";
        yield return "{\"fee\":{\"currency\":\"XXX\",\"amountMinor\":1.5},\"rates\":[{\"currency\":\"GBP\",\"amountMinor\":\"ten\"}]}";
    }

    [Fact]
    public async Task No_malformed_body_against_any_write_route_yields_a_5xx()
    {
        var tenant = await _api.CreateTenantAsync();
        var operatorToken = await _api.OperatorTokenAsync();
        var routes = Routes.All(_api.Server).Where(r => r.Method is "POST" or "PUT" or "PATCH").ToList();
        Assert.NotEmpty(routes);

        var failures = new List<string>();
        foreach (var route in routes)
        {
            using var client = _api.As(route.TenantScoped ? tenant.OwnerToken : operatorToken);
            foreach (var body in Corpus())
            {
                var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path(tenant.Slug))
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                var response = await client.SendAsync(request);
                if ((int)response.StatusCode >= 500 || response.IsSuccessStatusCode && body.Length > 0 && body[0] != '{')
                {
                    failures.Add($"{route} with {Describe(body)} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                else if (!response.IsSuccessStatusCode)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_413_not_500()
    {
        // Expect: 100-continue lets Kestrel refuse on Content-Length before the client streams 2 MB at it. The client
        // waits for that answer only as long as its handler's Expect100ContinueTimeout (1 s by default) and then sends
        // the body anyway; in a loaded test run the 413 once came later than that, the server closed the connection
        // mid-body, and the client saw a broken pipe instead of the response.
        using var op = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) })
        {
            BaseAddress = _server.BaseAddress,
        };
        op.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _api.OperatorTokenAsync());
        op.DefaultRequestHeaders.ExpectContinue = true;
        var big = "{\"slug\":\"" + new string('a', 2_000_000) + "\"}";
        var response = await op.PostAsync("/api/v1/platform/tenants", new StringContent(big, Encoding.UTF8, "application/json"));
        await Expect.Problem(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task A_wrong_type_names_the_field_and_changes_nothing()
    {
        using var op = _api.As(await _api.OperatorTokenAsync());
        var before = await Expect.Status(await op.GetAsync("/api/v1/platform/tenants?limit=100"), HttpStatusCode.OK);
        var problem = await Expect.Problem(await op.PostAsync("/api/v1/platform/tenants",
            Api.Json("""{"slug":"ok-slug","name":"n","defaultCurrency":"GBP","currencies":"GBP"}""")), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("currencies", problem["detail"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]?["currencies"]);
        Assert.DoesNotContain("System.", problem.ToJsonString());
        Assert.DoesNotContain("Maison.", problem.ToJsonString());
        var after = await Expect.Status(await op.GetAsync("/api/v1/platform/tenants?limit=100"), HttpStatusCode.OK);
        Assert.Equal(before["items"]!.AsArray().Count, after["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_malformed_query_parameter_is_named_in_the_problem()
    {
        using var op = _api.As(await _api.OperatorTokenAsync());
        var problem = await Expect.Problem(await op.GetAsync("/api/v1/platform/tenants?limit=many"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]?["limit"]);
        Assert.DoesNotContain("Int32", problem.ToJsonString());
    }

    private static string Describe(string body) => body.Length > 60 ? body[..60] + $"…({body.Length} chars)" : body;
}
