using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Platform.Jobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Membership;

public static class MembershipModule
{
    public static IServiceCollection AddMembership(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(MembershipOptions.From(configuration));
        services.AddScoped<MembershipCheck>();
        services.AddScoped<IMembershipCheck>(sp => sp.GetRequiredService<MembershipCheck>());
        services.AddScoped<Registration>();
        services.AddScoped<Subscriptions>();
        services.AddRecurringJob<MembershipRenewalJob>("membership-renewals", "0 * * * *");
        services.AddSingleton<IAuthorizationHandler, ActiveMemberHandler>();
        services.AddAuthorization(o => o.AddPolicy(MembershipPolicies.ActiveMember, p => p.AddRequirements(new ActiveMemberRequirement())));
        return services;
    }
}
