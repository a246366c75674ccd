using Maison.Commerce.Inventory.Contracts;
using Maison.Commerce.Platform.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Inventory;

public static class InventoryModule
{
    public static IServiceCollection AddInventory(this IServiceCollection services)
    {
        services.AddScoped<StockCounts>();
        services.AddSingleton<ReservationConnections>();
        services.AddSingleton<ReservationBatcher>();
        services.AddScoped<ReservationService>();
        services.AddScoped<IReservations>(sp => sp.GetRequiredService<ReservationService>());
        services.AddScoped<Availability>();
        services.AddScoped<IAvailability>(sp => sp.GetRequiredService<Availability>());
        services.AddRecurringJob<ReservationExpiryJob>(ReservationExpiryJob.Name, "* * * * *");
        return services;
    }
}
