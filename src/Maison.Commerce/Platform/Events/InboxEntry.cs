using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Platform.Events;

/// <summary>
/// One handler has applied one message. The key (handler, message id) is unique, and the row commits in the same
/// transaction as the handler's own writes, so a redelivered message is recognised and skipped.
/// </summary>
public sealed class InboxEntry
{
    private InboxEntry() { }

    public InboxEntry(string handler, Guid messageId, DateTimeOffset processedAt)
    {
        Handler = handler;
        MessageId = messageId;
        ProcessedAt = processedAt;
    }

    public string Handler { get; private set; } = "";

    public Guid MessageId { get; private set; }

    public DateTimeOffset ProcessedAt { get; private set; }
}

internal sealed class InboxEntryMapping : IEntityTypeConfiguration<InboxEntry>
{
    public void Configure(EntityTypeBuilder<InboxEntry> b)
    {
        b.ToTable("inbox", Schemas.Platform);
        b.HasKey(e => new { e.Handler, e.MessageId });
        b.Property(e => e.Handler).HasMaxLength(200);
        b.HasIndex(e => e.ProcessedAt);
    }
}
