using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Integrations.Webhooks;

/// <summary>
/// A tenant's endpoint for our events. The secret signs every delivery, so it is kept (not hashed) and never shown
/// again after creation.
/// </summary>
public sealed class WebhookSubscription : ITenantOwned
{
    public const string AllEvents = "*";

    private WebhookSubscription() { }

    public WebhookSubscription(Guid tenantId, Uri url, IReadOnlyList<string> events, string secret, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Url = url.ToString();
        Events = events.Distinct(StringComparer.Ordinal).ToList();
        Secret = secret;
        CreatedAt = now;
    }

    /// <summary>Insertion order, the key the list pages by.</summary>
    public long Sequence { get; private set; }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Url { get; private set; } = "";

    public List<string> Events { get; private set; } = [];

    public string Secret { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public bool Wants(string eventType) => Events.Contains(eventType) || Events.Contains(AllEvents);
}

internal sealed class WebhookSubscriptionMapping : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> b)
    {
        b.ToTable("webhook_subscriptions", Schemas.Integrations);
        b.HasKey(s => s.Sequence);
        b.Property(s => s.Sequence).ValueGeneratedOnAdd();
        b.HasIndex(s => s.Id).IsUnique();
        b.Property(s => s.Url).HasMaxLength(2000);
        b.Property(s => s.Secret).HasMaxLength(200);
        // Event names never contain a space: one column, no join table, for a list read whole every time.
        b.Property(s => s.Events).HasMaxLength(4000).HasConversion(
            v => string.Join(' ', v),
            v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(),
            new ValueComparer<List<string>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList()));
        b.HasIndex(s => s.TenantId);
    }
}
