namespace Maison.Commerce.Platform;

/// <summary>A row that belongs to one tenant; the global query filter scopes every query by it.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}

/// <summary>The tenant the current request or job acts for. Set once, by the host's tenant resolution or a job.</summary>
public sealed class TenantContext
{
    public Guid TenantId { get; private set; }

    public string? Slug { get; private set; }

    public bool IsSet => TenantId != Guid.Empty;

    /// <summary>The current tenant's id, or an error if none was resolved (a bug, not a client mistake).</summary>
    public Guid Required => IsSet ? TenantId : throw new InvalidOperationException("No tenant is set for this operation.");

    public void Set(Guid tenantId, string slug)
    {
        if (IsSet && TenantId != tenantId) throw new InvalidOperationException("The tenant of an operation cannot change.");
        TenantId = tenantId;
        Slug = slug;
    }
}
