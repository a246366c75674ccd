using Maison.Commerce.Pricing.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Pricing;

public static class PricingModule
{
    public static IServiceCollection AddPricing(this IServiceCollection services)
    {
        services.AddScoped<PriceBook>();
        services.AddScoped<IPriceBook>(sp => sp.GetRequiredService<PriceBook>());
        services.AddScoped<ITaxRates, TaxRates>();
        services.AddScoped<PricingAdministration>();
        services.AddScoped<IPriceLists>(sp => sp.GetRequiredService<PricingAdministration>());
        return services;
    }
}
