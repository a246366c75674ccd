using Maison.Commerce.Platform;

namespace Maison.Commerce.Checkout;

/// <summary>
/// A member's server-side cart: one per login. While a checkout runs, <see cref="CheckoutKey"/> names it (set by one
/// conditional update, so a second key on the same cart is refused) and <see cref="CheckoutOrderId"/> the order it
/// created, so a retry with the same key resumes that order instead of placing another.
/// </summary>
public sealed class Cart : ITenantOwned
{
    private readonly List<CartLine> _lines = [];

    private Cart() { }

    public Cart(Guid tenantId, Guid accountId, Currency currency, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        AccountId = accountId;
        Currency = currency;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid AccountId { get; private set; }
    public Currency Currency { get; private set; } = null!;
    /// <summary>The market the cart is priced for until a shipping address says otherwise.</summary>
    public string? Country { get; private set; }
    public string? PromotionCode { get; private set; }
    public string? CheckoutKey { get; private set; }
    public DateTimeOffset? CheckoutStartedAt { get; private set; }
    public Guid? CheckoutOrderId { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<CartLine> Lines => _lines;

    /// <summary>A cart as read by a hand-written statement (<see cref="CheckoutLock.ClaimAndReadAsync"/>), detached.</summary>
    internal static Cart FromRow(Guid id, Guid tenantId, Guid accountId, Currency currency, string? country, string? promotionCode, string? checkoutKey,
        DateTimeOffset? checkoutStartedAt, Guid? checkoutOrderId, DateTimeOffset updatedAt) =>
        new()
        {
            Id = id, TenantId = tenantId, AccountId = accountId, Currency = currency, Country = country, PromotionCode = promotionCode,
            CheckoutKey = checkoutKey, CheckoutStartedAt = checkoutStartedAt, CheckoutOrderId = checkoutOrderId, UpdatedAt = updatedAt,
        };

    internal void AddRead(CartLine line) => _lines.Add(line);
}

/// <summary>A SKU in a cart, with the unit price the member was last shown (for <c>price_changed</c>).</summary>
public sealed class CartLine : ITenantOwned
{
    private CartLine() { }

    public CartLine(Guid tenantId, Guid cartId, string sku, int quantity, long? seenPriceMinor, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        CartId = cartId;
        Sku = sku;
        Quantity = quantity;
        SeenPriceMinor = seenPriceMinor;
        AddedAt = now;
    }

    /// <summary>A line as read by a hand-written statement, detached.</summary>
    internal static CartLine FromRow(Guid id, Guid tenantId, Guid cartId, string sku, int quantity, long? seenPriceMinor, DateTimeOffset addedAt) =>
        new() { Id = id, TenantId = tenantId, CartId = cartId, Sku = sku, Quantity = quantity, SeenPriceMinor = seenPriceMinor, AddedAt = addedAt };

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid CartId { get; private set; }
    public string Sku { get; private set; } = "";
    public int Quantity { get; private set; }
    public long? SeenPriceMinor { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
}
