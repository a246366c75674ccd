using Maison.Commerce.Platform.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maison.Commerce.Inventory;

/// <summary>Every minute, in every tenant: held reservations past their TTL are released. Committed ones are never touched.</summary>
internal sealed class ReservationExpiryJob(IServiceScopeFactory scopes, ILogger<ReservationExpiryJob> logger) : IRecurringJob
{
    public const string Name = "inventory-reservation-expiry";

    public async Task RunAsync(CancellationToken ct)
    {
        await scopes.ForEachTenantAsync(async (services, token) =>
        {
            var released = await services.GetRequiredService<ReservationService>().ExpireDueAsync(token);
            if (released > 0) logger.LogInformation("Released {Count} expired reservations", released);
        }, ct);
    }
}
