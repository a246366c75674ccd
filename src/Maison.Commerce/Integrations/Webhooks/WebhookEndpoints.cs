using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Maison.Commerce.Integrations.Webhooks;

public sealed record WebhookPingResponse(Guid EventId);

/// <summary><c>/api/v1/{tenant}/admin/webhooks</c>: subscriptions, their delivery log, redelivery.</summary>
public static class WebhookEndpoints
{
    public static void MapWebhooks(this MaisonRoutes routes)
    {
        var group = routes.Admin.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Permissions.WebhooksWrite);
        group.MapPost("", Create).WithName("CreateWebhook").WithSummary("Subscribe a URL to event types; the secret is never returned.");
        group.MapGet("", List).WithName("ListWebhooks");
        group.MapGet("/{id:guid}", Get).WithName("GetWebhook");
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteWebhook");
        group.MapGet("/{id:guid}/deliveries", Deliveries).WithName("ListWebhookDeliveries").WithSummary("The delivery log, newest first.");
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", Redeliver).WithName("RedeliverWebhook")
            .WithSummary("Send a delivered or failed delivery again.");
        group.MapPost("/{id:guid}/ping", Ping).WithName("PingWebhook").WithSummary("Send a webhook.ping event to this subscription.");
    }

    private static async Task<Created<WebhookResponse>> Create(CreateWebhookRequest request, WebhookSubscriptions webhooks, TenantContext tenant,
        CancellationToken ct)
    {
        var subscription = await webhooks.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/{tenant.Slug}/admin/webhooks/{subscription.Id}", WebhookResponse.From(subscription));
    }

    private static async Task<Ok<Page<WebhookResponse>>> List(int? limit, string? after, WebhookSubscriptions webhooks, CancellationToken ct)
    {
        var page = await webhooks.ListAsync(limit, after, ct);
        return TypedResults.Ok(new Page<WebhookResponse>(page.Items.Select(WebhookResponse.From).ToList(), page.NextCursor));
    }

    private static async Task<Ok<WebhookResponse>> Get(Guid id, WebhookSubscriptions webhooks, CancellationToken ct) =>
        TypedResults.Ok(WebhookResponse.From(await webhooks.GetAsync(id, ct)));

    private static async Task<NoContent> Delete(Guid id, WebhookSubscriptions webhooks, CancellationToken ct)
    {
        await webhooks.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Page<WebhookDeliveryResponse>>> Deliveries(Guid id, int? limit, string? after, WebhookSubscriptions webhooks,
        CancellationToken ct)
    {
        var page = await webhooks.DeliveriesAsync(id, limit, after, ct);
        return TypedResults.Ok(new Page<WebhookDeliveryResponse>(page.Items.Select(WebhookDeliveryResponse.From).ToList(), page.NextCursor));
    }

    private static async Task<Accepted<WebhookDeliveryResponse>> Redeliver(Guid id, Guid deliveryId, WebhookSubscriptions webhooks,
        CancellationToken ct) =>
        TypedResults.Accepted((string?)null, WebhookDeliveryResponse.From(await webhooks.RedeliverAsync(id, deliveryId, ct)));

    private static async Task<Accepted<WebhookPingResponse>> Ping(Guid id, WebhookSubscriptions webhooks, CancellationToken ct) =>
        TypedResults.Accepted((string?)null, new WebhookPingResponse(await webhooks.PingAsync(id, ct)));
}
