using Maison.Commerce.Platform.Jobs;
using System.Text;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Maison.Commerce.Integrations.Webhooks;

/// <summary>
/// The worker that POSTs pending deliveries, signed, for every tenant. Claims work like the outbox relay (one
/// conditional update), so several workers never send the same delivery at once. A non-2xx answer or no answer is
/// retried with backoff and jitter; after the limit the delivery is <see cref="WebhookDeliveryStatus.Failed"/> until
/// someone redelivers it.
/// </summary>
public sealed class WebhookSender(IServiceScopeFactory scopes, IHttpClientFactory clients, WebhookOptions options, TimeProvider time,
    ILogger<WebhookSender> logger) : PollingWorker(time, logger)
{
    protected override TimeSpan Poll => options.Poll;

    public const string ClientName = "webhooks";

    private static readonly System.Diagnostics.Metrics.Meter Meter = new("Maison");
    private static readonly System.Diagnostics.Metrics.Counter<long> Sent =
        Meter.CreateCounter<long>("maison.webhooks.attempts", description: "Webhook POSTs, tagged by outcome.");

    private sealed record Claimed(long Sequence, Guid Id, string EventType, string Body, int Attempts, string? Url, string? Secret);

    private sealed record Outcome(bool Delivered, int? StatusCode, string? Error);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        var claim = Guid.NewGuid();
        var batch = await ClaimAsync(db, claim, ct);
        if (batch.Count == 0) return 0;
        try
        {
            var client = clients.CreateClient(ClientName);
            var outcomes = new Outcome[batch.Count];
            await Parallel.ForAsync(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct },
                async (i, token) => outcomes[i] = await SendAsync(client, batch[i], token));
            for (var i = 0; i < batch.Count; i++) await RecordAsync(db, batch[i], outcomes[i], claim);
        }
        finally
        {
            await Deliveries(db).Where(d => d.ClaimedBy == claim)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, (Guid?)null).SetProperty(d => d.LockedUntil, (DateTimeOffset?)null),
                    CancellationToken.None);
        }
        return batch.Count;
    }

    // The sender works for every tenant at once.
    private static IQueryable<WebhookDelivery> Deliveries(CommerceDb db) => db.Set<WebhookDelivery>().IgnoreQueryFilters([CommerceDb.TenantFilter]);

    private async Task<List<Claimed>> ClaimAsync(CommerceDb db, Guid claim, CancellationToken ct)
    {
        var now = Time.GetUtcNow();
        var due = await Deliveries(db).AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now))
            .OrderBy(d => d.Sequence).Select(d => d.Sequence).Take(options.BatchSize).ToListAsync(ct);
        if (due.Count == 0) return [];
        var leaseEnd = now + options.Lease;
        var won = await Deliveries(db)
            .Where(d => due.Contains(d.Sequence) && d.Status == WebhookDeliveryStatus.Pending && (d.LockedUntil == null || d.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LockedUntil, leaseEnd).SetProperty(d => d.ClaimedBy, claim), ct);
        if (won == 0) return [];
        var subscriptions = db.Set<WebhookSubscription>().IgnoreQueryFilters([CommerceDb.TenantFilter]);
        return await (
            from d in Deliveries(db).AsNoTracking()
            where d.ClaimedBy == claim
            join s in subscriptions on d.SubscriptionId equals s.Id into subs
            from s in subs.DefaultIfEmpty()
            orderby d.Sequence
            select new Claimed(d.Sequence, d.Id, d.EventType, d.Body, d.Attempts, s == null ? null : s.Url, s == null ? null : s.Secret))
            .ToListAsync(ct);
    }

    private async Task<Outcome> SendAsync(HttpClient client, Claimed delivery, CancellationToken ct)
    {
        if (delivery.Url is null || delivery.Secret is null) return new Outcome(false, null, "The subscription no longer exists.");
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(delivery.Secret, Time.GetUtcNow(), delivery.Body));
        request.Headers.Add("Maison-Event", delivery.EventType);
        request.Headers.Add("Maison-Delivery", delivery.Id.ToString());
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return response.IsSuccessStatusCode
                ? new Outcome(true, (int)response.StatusCode, null)
                : new Outcome(false, (int)response.StatusCode, $"The endpoint answered {(int)response.StatusCode}.");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Timeouts, refused connections, TLS failures: all retried like a 5xx.
            return new Outcome(false, null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task RecordAsync(CommerceDb db, Claimed delivery, Outcome outcome, Guid claim)
    {
        var now = Time.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        Sent.Add(1, new KeyValuePair<string, object?>("outcome", outcome.Delivered ? "delivered" : "failed"));
        var mine = Deliveries(db).Where(d => d.Sequence == delivery.Sequence && d.ClaimedBy == claim);
        if (outcome.Delivered)
        {
            await mine.ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, WebhookDeliveryStatus.Delivered)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.LastStatusCode, outcome.StatusCode)
                .SetProperty(d => d.LastError, (string?)null)
                .SetProperty(d => d.DeliveredAt, now)
                .SetProperty(d => d.ClaimedBy, (Guid?)null)
                .SetProperty(d => d.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
            return;
        }
        var failed = attempts >= options.MaxAttempts;
        var status = failed ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
        var next = failed ? now : now + Backoff.Delay(attempts, options.RetryBase, options.RetryMax);
        if (failed) logger.LogWarning("Webhook delivery {Id} failed {Attempts} times and stops: {Error}", delivery.Id, attempts, outcome.Error);
        await mine.ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, status)
            .SetProperty(d => d.Attempts, attempts)
            .SetProperty(d => d.NextAttemptAt, next)
            .SetProperty(d => d.LastStatusCode, outcome.StatusCode)
            .SetProperty(d => d.LastError, outcome.Error)
            .SetProperty(d => d.ClaimedBy, (Guid?)null)
            .SetProperty(d => d.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
    }
}
