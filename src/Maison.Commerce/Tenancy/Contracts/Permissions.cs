namespace Maison.Commerce.Tenancy.Contracts;

/// <summary>Named permissions that staff roles grant; endpoints require these, never a role name.</summary>
public static class Permissions
{
    public const string CatalogWrite = "catalog:write";
    public const string PricingWrite = "pricing:write";
    public const string InventoryWrite = "inventory:write";
    public const string InventoryRead = "inventory:read";
    public const string PromotionsWrite = "promotions:write";
    public const string OrdersRead = "orders:read";
    public const string OrdersFulfil = "orders:fulfil";
    public const string OrdersCancel = "orders:cancel";
    public const string ReturnsWrite = "returns:write";
    public const string MembersRead = "members:read";
    public const string MembersWrite = "members:write";
    public const string PaymentsWrite = "payments:write";
    public const string ReportsRead = "reports:read";
    public const string PartnersWrite = "partners:write";
    public const string WebhooksWrite = "webhooks:write";
    public const string StaffWrite = "staff:write";

    /// <summary>Platform operators only: tenants, jobs dashboard, dead letters.</summary>
    public const string PlatformAdmin = "platform:admin";

    public static readonly IReadOnlyList<string> TenantScoped =
    [
        CatalogWrite, PricingWrite, InventoryWrite, InventoryRead, PromotionsWrite, OrdersRead, OrdersFulfil, OrdersCancel,
        ReturnsWrite, MembersRead, MembersWrite, PaymentsWrite, ReportsRead, PartnersWrite, WebhooksWrite, StaffWrite,
    ];

    public static readonly IReadOnlyList<string> All = [.. TenantScoped, PlatformAdmin];
}

/// <summary>Staff roles (API.md) and the permissions each grants.</summary>
public static class StaffRoles
{
    public const string Owner = "owner";
    public const string Merchandiser = "merchandiser";
    public const string Fulfillment = "fulfillment";
    public const string Support = "support";
    public const string Finance = "finance";

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Grants = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Owner] = Permissions.TenantScoped,
        [Merchandiser] = [Permissions.CatalogWrite, Permissions.PricingWrite, Permissions.PromotionsWrite, Permissions.InventoryRead, Permissions.InventoryWrite, Permissions.ReportsRead],
        [Fulfillment] = [Permissions.OrdersRead, Permissions.OrdersFulfil, Permissions.InventoryRead, Permissions.InventoryWrite, Permissions.ReturnsWrite],
        [Support] = [Permissions.OrdersRead, Permissions.OrdersCancel, Permissions.MembersRead, Permissions.MembersWrite, Permissions.ReturnsWrite],
        [Finance] = [Permissions.OrdersRead, Permissions.PaymentsWrite, Permissions.ReportsRead, Permissions.PricingWrite],
    };

    public static bool IsKnown(string role) => Grants.ContainsKey(role);
}
