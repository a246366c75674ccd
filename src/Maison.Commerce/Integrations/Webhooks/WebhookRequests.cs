using System.ComponentModel.DataAnnotations;

namespace Maison.Commerce.Integrations.Webhooks;

public sealed record CreateWebhookRequest(
    [property: Required, MaxLength(2000)] string Url,
    [property: Required, MinLength(1), MaxLength(50)] List<string> Events,
    [property: Required, MinLength(16), MaxLength(200)] string Secret);

/// <summary>A subscription as staff see it: the secret is never shown after creation.</summary>
public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt)
{
    internal static WebhookResponse From(WebhookSubscription s) => new(s.Id, s.Url, s.Events, s.CreatedAt);
}

public sealed record WebhookDeliveryResponse(
    Guid Id, Guid EventId, string EventType, WebhookDeliveryStatus Status, int Attempts, int? LastStatusCode, string? LastError,
    DateTimeOffset NextAttemptAt, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt)
{
    internal static WebhookDeliveryResponse From(WebhookDelivery d) =>
        new(d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.NextAttemptAt, d.CreatedAt, d.DeliveredAt);
}
