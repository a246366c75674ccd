using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Integrations.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Pending,
    Delivered,
    /// <summary>Every attempt failed; the dead-letter state, left only by an explicit redelivery.</summary>
    Failed,
}

/// <summary>One event to one subscription: the exact body sent, and how each attempt went (the delivery log).</summary>
public sealed class WebhookDelivery : ITenantOwned
{
    private WebhookDelivery() { }

    public WebhookDelivery(Guid tenantId, Guid subscriptionId, Guid eventId, string eventType, string body, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        SubscriptionId = subscriptionId;
        EventId = eventId;
        EventType = eventType;
        Body = body;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    /// <summary>Insertion order, the key the delivery log pages by.</summary>
    public long Sequence { get; private set; }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid SubscriptionId { get; private set; }

    public Guid EventId { get; private set; }

    public string EventType { get; private set; } = "";

    public string Body { get; private set; } = "";

    public WebhookDeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public Guid? ClaimedBy { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }
}

internal sealed class WebhookDeliveryMapping : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("webhook_deliveries", Schemas.Integrations);
        b.HasKey(d => d.Sequence);
        b.Property(d => d.Sequence).ValueGeneratedOnAdd();
        b.HasIndex(d => d.Id).IsUnique();
        // One delivery per event and subscription, however often the event itself is redelivered to the dispatcher.
        b.HasIndex(d => new { d.SubscriptionId, d.EventId }).IsUnique();
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasIndex(d => d.ClaimedBy);
        b.Property(d => d.EventType).HasMaxLength(100);
        b.Property(d => d.Body).HasMaxLength(int.MaxValue);
        b.Property(d => d.LastError).HasMaxLength(2000);
    }
}
