using System.Text.Json;
using System.Text.Json.Nodes;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Integrations.Webhooks;

/// <summary>
/// Handles every integration event: writes one delivery per subscription of the event's tenant that names its type.
/// It runs behind the inbox in the relay's transaction, so the deliveries exist once the event is handled; sending
/// them is the <see cref="WebhookSender"/>'s job, outside any transaction.
/// </summary>
public sealed class WebhookDispatcher(CommerceDb db, TenantContext tenant, TimeProvider time) : IEventHandler<IntegrationEvent>, ISelectiveEventHandler
{
    /// <summary>
    /// Whether any subscription of the tenant wants the event: read before the inbox (ADR 0015), so the usual tenant
    /// without subscribers costs one query per message instead of the inbox row, the query and a commit. A subscription
    /// created meanwhile is as visible to this read as it was to the one inside the transaction.
    /// </summary>
    public async Task<bool> WantsAsync(IntegrationEvent @event, CancellationToken ct)
    {
        if (!tenant.IsSet) return false;
        if (@event is WebhookPinged ping) return true;
        var type = @event.Type;
        // One read per relay claim and tenant: the claim's messages all committed before the read (DeliveryRound).
        var wanted = await DeliveryRound.ShareAsync("webhook-subscriptions", tenant.TenantId, () => WantedTypesAsync(ct));
        return wanted.Contains(type) || wanted.Contains(WebhookSubscription.AllEvents);
    }

    private async Task<HashSet<string>> WantedTypesAsync(CancellationToken ct)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var events in EventsOfSubscriptions(db).WithCancellation(ct)) wanted.UnionWith(events);
        return wanted;
    }

    // Compiled once: every message of every tenant asks (ADR 0015).
    private static readonly Func<CommerceDb, IAsyncEnumerable<List<string>>> EventsOfSubscriptions =
        EF.CompileAsyncQuery((CommerceDb db) => db.Set<WebhookSubscription>().AsNoTracking().Select(s => s.Events));

    public async Task HandleAsync(IntegrationEvent @event, CancellationToken ct)
    {
        if (!tenant.IsSet) return; // platform events have no subscribers
        var subscriptions = await db.Set<WebhookSubscription>().AsNoTracking().ToListAsync(ct);
        var targets = @event is WebhookPinged ping
            ? subscriptions.Where(s => s.Id == ping.SubscriptionId).ToList()
            : subscriptions.Where(s => s.Wants(@event.Type)).ToList();
        if (targets.Count == 0) return;

        var body = Body(@event, tenant.Slug!);
        var now = time.GetUtcNow();
        foreach (var subscription in targets)
        {
            db.Set<WebhookDelivery>().Add(new WebhookDelivery(tenant.Required, subscription.Id, @event.Id, @event.Type, body, now));
        }
    }

    /// <summary>API.md's delivery body: <c>{ id, type, tenant, occurredAt, data }</c>, data being the event's own fields.</summary>
    public static string Body(IntegrationEvent @event, string tenantSlug)
    {
        var data = JsonSerializer.SerializeToNode(@event, @event.GetType(), Outbox.Json)!.AsObject();
        data.Remove("id");
        data.Remove("type");
        data.Remove("occurredAt");
        var body = new JsonObject
        {
            ["id"] = @event.Id,
            ["type"] = @event.Type,
            ["tenant"] = tenantSlug,
            ["occurredAt"] = @event.OccurredAt,
            ["data"] = data,
        };
        return body.ToJsonString(Outbox.Json);
    }
}
