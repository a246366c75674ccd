using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maison.Commerce.Integrations.Webhooks;
using Maison.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Maison.Server.Tests.Events;

/// <summary>A partner's endpoint on loopback: records every request; <c>/flaky</c> answers 500 twice, <c>/down</c> always.</summary>
public sealed class WebhookReceiver : IAsyncLifetime
{
    private WebApplication? _app;
    private readonly ConcurrentDictionary<string, int> _hits = new();

    public sealed record Received(string Path, string Signature, string Event, string Body);

    public ConcurrentQueue<Received> Requests { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public int Count(string path) => Requests.Count(r => r.Path == path);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/{name}", async (string name, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            Requests.Enqueue(new Received("/" + name, request.Headers[WebhookSignature.Header].ToString(), request.Headers["Maison-Event"].ToString(), body));
            var hit = _hits.AddOrUpdate(name, 1, (_, n) => n + 1);
            if (name.StartsWith("slow", StringComparison.Ordinal)) await Task.Delay(2000);
            var failing = name.StartsWith("down", StringComparison.Ordinal) || (name.StartsWith("flaky", StringComparison.Ordinal) && hit <= 2);
            return failing ? Results.StatusCode(500) : Results.Ok();
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

public sealed class WebhookTests(EventServerFixture fixture) : IClassFixture<EventServerFixture>, IAsyncLifetime
{
    private const string Secret = "whsec-test-0123456789abcdef";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180); // bounded: generous because the whole suite shares 2 cores
    private readonly WebhookReceiver _receiver = new();

    public Task InitializeAsync() => _receiver.InitializeAsync();

    public Task DisposeAsync() => _receiver.DisposeAsync();

    private async Task<(TestTenant Tenant, HttpClient Client, Guid Id)> SubscribeAsync(string path, params string[] events)
    {
        var tenant = await fixture.Api.CreateTenantAsync();
        var client = fixture.Api.As(tenant.OwnerToken);
        var created = await Expect.Status(await client.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/webhooks",
            new { url = new Uri(_receiver.BaseAddress, path).ToString(), events, secret = Secret }), HttpStatusCode.Created);
        Assert.Null(created["secret"]);
        return (tenant, client, created["id"]!.GetValue<Guid>());
    }

    private static async Task<JsonArray> DeliveriesAsync(HttpClient client, TestTenant tenant, Guid id) =>
        (await Expect.Status(await client.GetAsync($"/api/v1/{tenant.Slug}/admin/webhooks/{id}/deliveries"), HttpStatusCode.OK))["items"]!.AsArray();

    [Fact]
    public async Task A_webhook_arrives_signed_and_is_retried_after_500s_until_it_succeeds()
    {
        var path = "/flaky-" + Guid.NewGuid().ToString("N");
        var (tenant, client, id) = await SubscribeAsync(path, "test.happened");
        await Expect.Status(await client.PostAsync($"/api/v1/{tenant.Slug}/admin/webhooks/{id}/ping", null), HttpStatusCode.Accepted);

        await Effects.WaitUntilAsync(async () => (await DeliveriesAsync(client, tenant, id)).FirstOrDefault()?["status"]?.GetValue<string>() == "delivered",
            Patience, "the delivery succeeded");
        var delivery = (await DeliveriesAsync(client, tenant, id)).Single()!;
        Assert.Equal(3, delivery["attempts"]!.GetValue<int>());
        Assert.Equal(200, delivery["lastStatusCode"]!.GetValue<int>());

        var received = _receiver.Requests.Where(r => r.Path == path).ToList();
        Assert.Equal(3, received.Count);
        Assert.All(received, r => Assert.True(WebhookSignature.Verify(r.Signature, Secret, r.Body, DateTimeOffset.UtcNow), "the signature verifies"));
        Assert.False(WebhookSignature.Verify(received[^1].Signature, "another-secret-0123456789", received[^1].Body, DateTimeOffset.UtcNow));
        Assert.False(WebhookSignature.Verify(received[^1].Signature, Secret, received[^1].Body + " ", DateTimeOffset.UtcNow));
        var body = JsonNode.Parse(received[^1].Body)!;
        Assert.Equal("webhook.ping", body["type"]!.GetValue<string>());
        Assert.Equal(tenant.Slug, body["tenant"]!.GetValue<string>());
        Assert.Equal(id, body["data"]!["subscriptionId"]!.GetValue<Guid>());
        Assert.NotNull(body["id"]);
        Assert.NotNull(body["occurredAt"]);
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_stops_at_the_limit_and_can_be_redelivered()
    {
        var path = "/down-" + Guid.NewGuid().ToString("N");
        var (tenant, client, id) = await SubscribeAsync(path, "test.happened");
        await Expect.Status(await client.PostAsync($"/api/v1/{tenant.Slug}/admin/webhooks/{id}/ping", null), HttpStatusCode.Accepted);

        await Effects.WaitUntilAsync(async () => (await DeliveriesAsync(client, tenant, id)).FirstOrDefault()?["status"]?.GetValue<string>() == "failed",
            Patience, "the delivery gave up");
        await Task.Delay(500);
        Assert.Equal(4, _receiver.Count(path));
        var delivery = (await DeliveriesAsync(client, tenant, id)).Single()!;
        Assert.Equal(4, delivery["attempts"]!.GetValue<int>());
        Assert.Equal(500, delivery["lastStatusCode"]!.GetValue<int>());

        var deliveryId = delivery["id"]!.GetValue<Guid>();
        await Expect.Status(await client.PostAsync($"/api/v1/{tenant.Slug}/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver", null),
            HttpStatusCode.Accepted);
        await Effects.WaitUntilAsync(() => Task.FromResult(_receiver.Count(path) > 4), Patience, "the redelivery was sent");
    }

    [Fact]
    public async Task Concurrent_redeliveries_of_one_delivery_send_it_once_more()
    {
        var path = "/slow-" + Guid.NewGuid().ToString("N");
        var (tenant, client, id) = await SubscribeAsync(path, "test.happened");
        await Expect.Status(await client.PostAsync($"/api/v1/{tenant.Slug}/admin/webhooks/{id}/ping", null), HttpStatusCode.Accepted);
        await Effects.WaitUntilAsync(async () => (await DeliveriesAsync(client, tenant, id)).FirstOrDefault()?["status"]?.GetValue<string>() == "delivered",
            Patience, "the first delivery succeeded");
        var deliveryId = (await DeliveriesAsync(client, tenant, id)).Single()!["id"]!.GetValue<Guid>();

        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, 20).Select(async _ =>
        {
            await start.WaitAsync();
            return await client.PostAsync($"/api/v1/{tenant.Slug}/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver", null);
        }).ToList();
        start.Release(20);
        var responses = await Task.WhenAll(tasks);

        // The receiver takes 2 s to answer, so the delivery stays pending while the other requests arrive.
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Accepted))
        {
            await Expect.Problem(refused, HttpStatusCode.Conflict, "invalid_transition");
        }
        await Effects.WaitUntilAsync(async () => (await DeliveriesAsync(client, tenant, id)).Single()!["status"]!.GetValue<string>() == "delivered",
            Patience, "the redelivery succeeded");
        Assert.Equal(2, _receiver.Count(path));
    }

    [Fact]
    public async Task Only_subscriptions_naming_an_event_type_receive_it()
    {
        var wanted = "/ok-" + Guid.NewGuid().ToString("N");
        var (tenant, client, id) = await SubscribeAsync(wanted, "test.happened");
        var other = "/ok-" + Guid.NewGuid().ToString("N");
        await Expect.Status(await client.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/webhooks",
            new { url = new Uri(_receiver.BaseAddress, other).ToString(), events = new[] { "order.confirmed" }, secret = Secret }), HttpStatusCode.Created);
        var tenantId = (await Expect.Status(await client.GetAsync($"/api/v1/{tenant.Slug}/admin/settings"), HttpStatusCode.OK))["id"]!.GetValue<Guid>();

        await Effects.PublishAsync(fixture.Server, [new TestHappened(Behaviour.Plain(), 42)], tenantId, tenant.Slug);

        await Effects.WaitUntilAsync(() => Task.FromResult(_receiver.Count(wanted) == 1), Patience, "the subscriber received the event");
        await Task.Delay(300);
        Assert.Equal(0, _receiver.Count(other));
        var body = JsonNode.Parse(_receiver.Requests.Single(r => r.Path == wanted).Body)!;
        Assert.Equal("test.happened", body["type"]!.GetValue<string>());
        Assert.Equal(42, body["data"]!["number"]!.GetValue<int>());
        Assert.Single(await DeliveriesAsync(client, tenant, id));
    }

    [Fact]
    public async Task Subscriptions_are_listed_in_pages_and_can_be_deleted()
    {
        var (tenant, client, first) = await SubscribeAsync("/ok-a", "order.confirmed");
        foreach (var path in new[] { "/ok-b", "/ok-c" })
        {
            await Expect.Status(await client.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/webhooks",
                new { url = new Uri(_receiver.BaseAddress, path).ToString(), events = new[] { "*" }, secret = Secret }), HttpStatusCode.Created);
        }

        var page1 = await Expect.Status(await client.GetAsync($"/api/v1/{tenant.Slug}/admin/webhooks?limit=2"), HttpStatusCode.OK);
        Assert.Equal(2, page1["items"]!.AsArray().Count);
        var cursor = page1["nextCursor"]!.GetValue<string>();
        var page2 = await Expect.Status(await client.GetAsync($"/api/v1/{tenant.Slug}/admin/webhooks?limit=2&after={cursor}"), HttpStatusCode.OK);
        Assert.Single(page2["items"]!.AsArray());
        Assert.Null(page2["nextCursor"]);
        var urls = page1["items"]!.AsArray().Concat(page2["items"]!.AsArray()).Select(i => i!["url"]!.GetValue<string>()).ToList();
        Assert.Equal(["/ok-a", "/ok-b", "/ok-c"], urls.Select(u => new Uri(u).AbsolutePath));
        Assert.All(page1["items"]!.AsArray(), i => Assert.Null(i!["secret"]));

        await Expect.Status(await client.DeleteAsync($"/api/v1/{tenant.Slug}/admin/webhooks/{first}"), HttpStatusCode.NoContent);
        await Expect.Problem(await client.GetAsync($"/api/v1/{tenant.Slug}/admin/webhooks/{first}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_subscription_with_a_bad_url_or_event_name_is_refused()
    {
        var tenant = await fixture.Api.CreateTenantAsync();
        using var client = fixture.Api.As(tenant.OwnerToken);
        await Expect.Problem(await client.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/webhooks",
            new { url = "ftp://example.test/x", events = new[] { "order.confirmed" }, secret = Secret }), HttpStatusCode.BadRequest, "validation_failed");
        await Expect.Problem(await client.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/webhooks",
            new { url = "https://example.test/x", events = new[] { "Order Confirmed" }, secret = Secret }), HttpStatusCode.BadRequest, "validation_failed");
        await Expect.Problem(await client.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/webhooks",
            new { url = "https://example.test/x", events = new[] { "order.confirmed" }, secret = "short" }), HttpStatusCode.BadRequest, "validation_failed");
    }
}
