using System.Globalization;
using System.Text.RegularExpressions;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Integrations.Webhooks;

/// <summary>What staff do with webhooks: subscribe, read the delivery log, redeliver, ping.</summary>
public sealed partial class WebhookSubscriptions(CommerceDb db, TenantContext tenant, TimeProvider time)
{
    [GeneratedRegex(@"^([a-z][a-z0-9_]*(\.[a-z0-9_]+)+|\*)$")]
    private static partial Regex EventName();

    public async Task<WebhookSubscription> CreateAsync(CreateWebhookRequest request, CancellationToken ct)
    {
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw DomainException.Validation("url", "url must be an absolute http or https URL.");
        }
        for (var i = 0; i < request.Events.Count; i++)
        {
            if (request.Events[i] is not { Length: <= 100 } name || !EventName().IsMatch(name))
            {
                throw DomainException.Validation($"events[{i}]", "An event type is a dotted lower-case name such as order.confirmed, or *.");
            }
        }
        var subscription = new WebhookSubscription(tenant.Required, url, request.Events, request.Secret, time.GetUtcNow());
        db.Set<WebhookSubscription>().Add(subscription);
        await db.SaveChangesAsync(ct);
        return subscription;
    }

    /// <summary>Oldest first, keyset-paged by insertion order.</summary>
    public async Task<Page<WebhookSubscription>> ListAsync(int? limit, string? after, CancellationToken ct)
    {
        var take = Cursor.Limit(limit);
        var query = db.Set<WebhookSubscription>().AsNoTracking();
        if (Sequence(after) is { } from) query = query.Where(s => s.Sequence > from);
        var rows = await query.OrderBy(s => s.Sequence).Take(take + 1).ToListAsync(ct);
        return Cursor.ToPage(rows, take, s => s.Sequence.ToString(CultureInfo.InvariantCulture), s => s);
    }

    public async Task<WebhookSubscription> GetAsync(Guid id, CancellationToken ct) =>
        await db.Set<WebhookSubscription>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct)
        ?? throw DomainException.NotFound("Webhook");

    public async Task DeleteAsync(Guid id, CancellationToken ct)
    {
        if (await db.Set<WebhookSubscription>().Where(s => s.Id == id).ExecuteDeleteAsync(ct) == 0) throw DomainException.NotFound("Webhook");
    }

    /// <summary>The delivery log of one subscription, newest first.</summary>
    public async Task<Page<WebhookDelivery>> DeliveriesAsync(Guid id, int? limit, string? after, CancellationToken ct)
    {
        await GetAsync(id, ct);
        var take = Cursor.Limit(limit);
        var query = db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.SubscriptionId == id);
        if (Sequence(after) is { } from) query = query.Where(d => d.Sequence < from);
        var rows = await query.OrderByDescending(d => d.Sequence).Take(take + 1).ToListAsync(ct);
        return Cursor.ToPage(rows, take, d => d.Sequence.ToString(CultureInfo.InvariantCulture), d => d);
    }

    /// <summary>Sends a delivered or failed delivery again, with a fresh set of attempts; a pending one is 409.</summary>
    public async Task<WebhookDelivery> RedeliverAsync(Guid id, Guid deliveryId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var reset = await db.Set<WebhookDelivery>()
            .Where(d => d.Id == deliveryId && d.SubscriptionId == id && d.Status != WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, WebhookDeliveryStatus.Pending)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, now)
                .SetProperty(d => d.DeliveredAt, (DateTimeOffset?)null), ct);
        var delivery = await db.Set<WebhookDelivery>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id, ct)
            ?? throw DomainException.NotFound("Delivery");
        if (reset == 0) throw new DomainException(ProblemCodes.InvalidTransition, "The delivery is still pending.", 409);
        return delivery;
    }

    private static long? Sequence(string? cursor) => Cursor.Decode(cursor) switch
    {
        null => null,
        var key when long.TryParse(key, CultureInfo.InvariantCulture, out var sequence) => sequence,
        _ => throw DomainException.Validation("after", "The cursor is not valid."),
    };

    /// <summary>Publishes a <see cref="WebhookPinged"/> through the outbox: the same path as every real event.</summary>
    public async Task<Guid> PingAsync(Guid id, CancellationToken ct)
    {
        await GetAsync(id, ct);
        var ping = new WebhookPinged(id) { OccurredAt = time.GetUtcNow() };
        db.Publish(ping);
        await db.SaveChangesAsync(ct);
        return ping.Id;
    }
}
