using Maison.Commerce.Platform.Events;

namespace Maison.Commerce.Integrations.Webhooks;

/// <summary>Asked for by staff to test an endpoint; goes to that one subscription, whatever events it names.</summary>
[EventType("webhook.ping")]
public sealed record WebhookPinged(Guid SubscriptionId) : IntegrationEvent;
