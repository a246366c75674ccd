using Maison.Commerce.Orders.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Orders;

public static class OrdersModule
{
    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        services.AddScoped<IOrders, OrderService>();
        return services;
    }
}
