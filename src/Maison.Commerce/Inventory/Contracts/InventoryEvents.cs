using Maison.Commerce.Platform.Events;

namespace Maison.Commerce.Inventory.Contracts;

/// <summary>
/// A level's on-hand, reserved or safety stock changed (counts, sales, releases). <paramref name="AvailableChange"/> is
/// how far this change moved the level's available units: 0 for a sale, where on-hand and reserved fall together.
/// Messages written before it existed carry none (null: unknown).
/// </summary>
[EventType("stock.changed")]
public sealed record StockChanged(string Sku, string Location, int OnHand, int Reserved, int Available, int? AvailableChange) : IntegrationEvent;

/// <summary>A SKU has no sellable unit left anywhere.</summary>
[EventType("stock.sold_out")]
public sealed record SoldOut(string Sku) : IntegrationEvent;

/// <summary>A SKU that was sold out has sellable units again.</summary>
[EventType("stock.back_in_stock")]
public sealed record BackInStock(string Sku, int Available) : IntegrationEvent;

/// <summary>
/// A count left fewer units than live reservations hold: staff and the partner that sent it (if any) must act;
/// the reservations stay as they are.
/// </summary>
[EventType("stock.oversold_risk")]
public sealed record StockOversoldRisk(string Sku, string Location, int OnHand, int Reserved, string Source) : IntegrationEvent;
