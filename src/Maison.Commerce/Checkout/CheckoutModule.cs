using Maison.Commerce.Platform.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Checkout;

public static class CheckoutModule
{
    public static IServiceCollection AddCheckout(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new CheckoutOptions
        {
            RecoverAfter = TimeSpan.FromSeconds(configuration.GetValue("Maison:Checkout:RecoverAfterSeconds", 180)),
        });
        services.AddScoped<CartService>();
        services.AddScoped<CartPricer>();
        services.AddScoped<CheckoutLock>();
        services.AddScoped<CheckoutSaga>();
        services.AddRecurringJob<CheckoutRecoveryJob>(CheckoutRecoveryJob.Name, "* * * * *");
        return services;
    }
}
