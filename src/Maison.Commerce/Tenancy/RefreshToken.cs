namespace Maison.Commerce.Tenancy;

/// <summary>
/// A rotating refresh token, stored as a hash. Using one issues its successor; presenting a used one again means
/// it leaked, so the whole family is revoked.
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken() { }

    public RefreshToken(Guid accountId, Guid familyId, string tokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        Id = Guid.CreateVersion7();
        AccountId = accountId;
        FamilyId = familyId;
        TokenHash = tokenHash;
        CreatedAt = now;
        ExpiresAt = now + lifetime;
    }

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    public Guid FamilyId { get; private set; }

    public string TokenHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
