using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Tenancy;

public static class TenancyModule
{
    public static IServiceCollection AddTenancy(this IServiceCollection services)
    {
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<ITenantDirectory>(sp => sp.GetRequiredService<TenantDirectory>());
        services.AddScoped<AuthService>();
        services.AddScoped<TenantAdministration>();
        services.AddScoped<IAccountRegistry>(sp => sp.GetRequiredService<TenantAdministration>());
        services.AddScoped<ApiKeys>();
        services.AddScoped<IApiKeyIssuer>(sp => sp.GetRequiredService<ApiKeys>());
        return services;
    }
}
