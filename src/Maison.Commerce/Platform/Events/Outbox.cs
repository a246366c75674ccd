using System.Text.Json;
using Maison.Commerce.Persistence;

namespace Maison.Commerce.Platform.Events;

/// <summary>
/// The one way a module publishes: <c>db.Publish(new OrderConfirmed(...))</c> adds the message to the unit of work,
/// so it commits or rolls back with the change. No module talks to the bus directly.
/// </summary>
public static class Outbox
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Publish(this CommerceDb db, IntegrationEvent @event)
    {
        var tenantId = db.CurrentTenantId;
        var clrType = @event.GetType();
        db.Set<OutboxMessage>().Add(new OutboxMessage(@event.Id, tenantId, @event.Type,
            clrType.FullName!, JsonSerializer.Serialize(@event, clrType, Json), @event.OccurredAt));
    }
}
