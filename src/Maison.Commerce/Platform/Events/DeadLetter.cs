using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Platform.Events;

/// <summary>
/// A message that kept failing after every retry: its payload and last error, kept for an operator to read, fix the
/// cause and replay. Replaying puts the message back into the outbox; handlers that already applied it skip it.
/// </summary>
public sealed class DeadLetter
{
    private DeadLetter() { }

    public DeadLetter(EventEnvelope message, string? handler, int attempts, string error, DateTimeOffset failedAt)
    {
        Id = Guid.CreateVersion7();
        MessageId = message.Id;
        TenantId = message.TenantId;
        Type = message.Type;
        ClrType = message.ClrType;
        Payload = message.Payload;
        OccurredAt = message.OccurredAt;
        Handler = handler;
        Attempts = attempts;
        LastError = Truncate(error);
        FailedAt = failedAt;
    }

    /// <summary>Insertion order: the key that the operator's list pages by.</summary>
    public long Sequence { get; private set; }

    public Guid Id { get; private set; }

    public Guid MessageId { get; private set; }

    public Guid TenantId { get; private set; }

    public string Type { get; private set; } = "";

    public string ClrType { get; private set; } = "";

    public string Payload { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The handler that failed (null: delivery to the broker failed).</summary>
    public string? Handler { get; private set; }

    public int Attempts { get; private set; }

    public string LastError { get; private set; } = "";

    public DateTimeOffset FailedAt { get; private set; }

    public DateTimeOffset? ReplayedAt { get; set; }

    /// <summary>The message as it was written, to put back into the outbox on replay.</summary>
    public OutboxMessage ToOutboxMessage() => new(MessageId, TenantId, Type, ClrType, Payload, OccurredAt);

    public static string Truncate(string error) => error.Length <= 4000 ? error : error[..4000];
}

internal sealed class DeadLetterMapping : IEntityTypeConfiguration<DeadLetter>
{
    public void Configure(EntityTypeBuilder<DeadLetter> b)
    {
        b.ToTable("dead_letters", Schemas.Platform);
        b.HasKey(d => d.Sequence);
        b.Property(d => d.Sequence).ValueGeneratedOnAdd();
        b.HasIndex(d => d.Id).IsUnique();
        b.Property(d => d.Type).HasMaxLength(100);
        b.Property(d => d.ClrType).HasMaxLength(300);
        b.Property(d => d.Payload).HasMaxLength(int.MaxValue);
        b.Property(d => d.Handler).HasMaxLength(200);
        b.Property(d => d.LastError).HasMaxLength(4000);
        b.HasIndex(d => d.MessageId);
    }
}
