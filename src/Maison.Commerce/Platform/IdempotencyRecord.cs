using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maison.Commerce.Platform;

/// <summary>
/// The stored outcome of a POST made with an <c>Idempotency-Key</c> (API.md): claimed while the first request runs,
/// completed with its status and body, replayed for 24 hours.
/// </summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord() { }

    public IdempotencyRecord(string scope, string key, string requestHash, DateTimeOffset now, TimeSpan lease)
    {
        Id = Guid.CreateVersion7();
        Scope = scope;
        Key = key;
        RequestHash = requestHash;
        CreatedAt = now;
        LockedUntil = now + lease;
        ExpiresAt = now + Retention;
    }

    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public Guid Id { get; private set; }

    /// <summary>Tenant slug and caller identity: keys are scoped to the caller.</summary>
    public string Scope { get; private set; } = "";

    public string Key { get; private set; } = "";

    /// <summary>SHA-256 of method, path and body: the same key with another request is a client bug (422).</summary>
    public string RequestHash { get; private set; } = "";

    public bool Completed { get; set; }

    /// <summary>While in flight, the claim lasts until here; a process that died loses its claim after it.</summary>
    public DateTimeOffset LockedUntil { get; set; }

    public int ResponseStatus { get; set; }

    public string? ResponseContentType { get; set; }

    public byte[]? ResponseBody { get; set; }

    public string? ResponseLocation { get; set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }
}

internal sealed class IdempotencyRecordMapping : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("idempotency_records", Schemas.Platform);
        b.HasKey(r => r.Id);
        b.Property(r => r.Scope).HasMaxLength(200);
        b.Property(r => r.Key).HasMaxLength(255);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.Property(r => r.ResponseContentType).HasMaxLength(200);
        b.Property(r => r.ResponseLocation).HasMaxLength(2000);
        b.HasIndex(r => new { r.Scope, r.Key }).IsUnique();
        b.HasIndex(r => r.ExpiresAt);
    }
}
