using System.Net;
using System.Net.Http.Json;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Platform;

public sealed class IdempotencyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    private static HttpRequestMessage CreatePartner(string slug, string key, string code, string name = "Partner") =>
        new(HttpMethod.Post, $"/api/v1/{slug}/admin/partners")
        {
            Content = JsonContent.Create(new { code, name, kind = "logistics" }),
            Headers = { { "Idempotency-Key", key } },
        };

    [Fact]
    public async Task Fifty_concurrent_requests_with_one_key_create_exactly_one_resource()
    {
        var tenant = await _api.CreateTenantAsync();
        using var client = _api.As(tenant.OwnerToken);
        var key = Guid.NewGuid().ToString();
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, 50).Select(async _ =>
        {
            await start.WaitAsync();
            return await client.SendAsync(CreatePartner(tenant.Slug, key, "racer"));
        }).ToList();
        start.Release(50);
        var responses = await Task.WhenAll(tasks);

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.All(statuses, s => Assert.Contains(s, new[] { 201, 409 }));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Single(created, r => !r.Headers.Contains("Idempotent-Replayed"));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await Expect.Problem(conflict, HttpStatusCode.Conflict, "idempotency_key_in_use");
        }

        var list = await Expect.Status(await client.GetAsync($"/api/v1/{tenant.Slug}/admin/partners"), HttpStatusCode.OK);
        Assert.Single(list["items"]!.AsArray(), p => p!["code"]!.GetValue<string>() == "racer");
    }

    [Fact]
    public async Task A_repeated_key_replays_the_first_response_with_the_replay_header()
    {
        var tenant = await _api.CreateTenantAsync();
        using var client = _api.As(tenant.OwnerToken);
        var key = Guid.NewGuid().ToString();
        var first = await client.SendAsync(CreatePartner(tenant.Slug, key, "replayed"));
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var second = await client.SendAsync(CreatePartner(tenant.Slug, key, "replayed"));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_422_and_changes_nothing()
    {
        var tenant = await _api.CreateTenantAsync();
        using var client = _api.As(tenant.OwnerToken);
        var key = Guid.NewGuid().ToString();
        await Expect.Status(await client.SendAsync(CreatePartner(tenant.Slug, key, "one")), HttpStatusCode.Created);
        await Expect.Problem(await client.SendAsync(CreatePartner(tenant.Slug, key, "two")), HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        await Expect.Problem(await client.GetAsync($"/api/v1/{tenant.Slug}/admin/partners/two"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Keys_are_scoped_to_the_caller()
    {
        var tenant = await _api.CreateTenantAsync();
        var other = await _api.StaffTokenAsync(tenant, "owner");
        var key = Guid.NewGuid().ToString();
        using var a = _api.As(tenant.OwnerToken);
        using var b = _api.As(other);
        await Expect.Status(await a.SendAsync(CreatePartner(tenant.Slug, key, "by-a")), HttpStatusCode.Created);
        var fromB = await b.SendAsync(CreatePartner(tenant.Slug, key, "by-b"));
        await Expect.Status(fromB, HttpStatusCode.Created);
        Assert.False(fromB.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Errors_are_stored_and_replayed_too_but_an_over_long_key_is_refused()
    {
        var tenant = await _api.CreateTenantAsync();
        using var client = _api.As(tenant.OwnerToken);
        await Expect.Problem(await client.SendAsync(CreatePartner(tenant.Slug, new string('k', 256), "long")), HttpStatusCode.BadRequest, "validation_failed");

        var key = Guid.NewGuid().ToString();
        await Expect.Status(await client.SendAsync(CreatePartner(tenant.Slug, Guid.NewGuid().ToString(), "dupe")), HttpStatusCode.Created);
        await Expect.Problem(await client.SendAsync(CreatePartner(tenant.Slug, key, "dupe")), HttpStatusCode.Conflict, "code_taken");
        var replay = await client.SendAsync(CreatePartner(tenant.Slug, key, "dupe"));
        await Expect.Problem(replay, HttpStatusCode.Conflict, "code_taken");
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
    }
}
