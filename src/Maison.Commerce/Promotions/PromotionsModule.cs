using Maison.Commerce.Promotions.Contracts;
using Maison.Commerce.Promotions.Shipping;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Promotions;

/// <summary>Promotions, and the shipping methods whose contract (<see cref="IShippingRates"/>) sits beside them.</summary>
public static class PromotionsModule
{
    public static IServiceCollection AddPromotions(this IServiceCollection services)
    {
        services.AddSingleton<PromotionsReferenceCache>();
        services.AddScoped<RedemptionCounter>();
        services.AddScoped<IPromotions, PromotionEngine>();
        services.AddScoped<PromotionAdministration>();
        services.AddScoped<ShippingRates>();
        services.AddScoped<IShippingRates>(sp => sp.GetRequiredService<ShippingRates>());
        return services;
    }
}
