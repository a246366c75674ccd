using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Platform.Events;

/// <summary>An event waiting to be delivered; written in the same transaction as the state change.</summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public OutboxMessage(Guid id, Guid tenantId, string type, string clrType, string payload, DateTimeOffset occurredAt)
    {
        Id = id;
        TenantId = tenantId;
        Type = type;
        ClrType = clrType;
        Payload = payload;
        OccurredAt = occurredAt;
        NextAttemptAt = occurredAt;
    }

    public long Sequence { get; private set; }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Type { get; private set; } = "";

    public string ClrType { get; private set; } = "";

    public string Payload { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>A relay's claim on the message while it delivers it.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Which relay claimed the message (a fresh id per claim), so that it reads back only its own claim.</summary>
    public Guid? ClaimedBy { get; set; }
}

internal sealed class OutboxMessageMapping : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages", Schemas.Platform);
        b.HasKey(m => m.Sequence);
        b.Property(m => m.Sequence).ValueGeneratedOnAdd();
        b.HasIndex(m => m.Id).IsUnique();
        b.Property(m => m.Type).HasMaxLength(100);
        b.Property(m => m.ClrType).HasMaxLength(300);
        b.Property(m => m.Payload).HasMaxLength(int.MaxValue);
        b.Property(m => m.LastError).HasMaxLength(4000);
        // The purge's scan of what was delivered long ago.
        b.HasIndex(m => new { m.ProcessedAt, m.NextAttemptAt });
        // The relay's claim: the pending messages in order, and only them. Delivered rows leave this index, so the claim
        // does not walk the table's history. No index on the claim's own columns (claimed_by, locked_until): the claim's
        // update then stays a heap-only update.
        b.HasIndex(m => m.Sequence).HasFilter("processed_at IS NULL");
    }
}
