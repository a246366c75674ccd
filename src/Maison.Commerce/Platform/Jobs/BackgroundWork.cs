using Maison.Commerce.Platform.Events;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Maison.Commerce.Platform.Jobs;

/// <summary>A recurring job body. Runs in its own DI scope, with no tenant set; must be idempotent.</summary>
public interface IRecurringJob
{
    Task RunAsync(CancellationToken ct);
}

/// <summary>What a module declares; the host's job engine (Hangfire) schedules it in the worker role.</summary>
public sealed record RecurringJobRegistration(string Name, Type JobType, string Cron);

/// <summary>What a module declares; the event relay dispatches each message to every handler of its type.</summary>
public sealed record EventHandlerRegistration(Type EventType, Type HandlerType);

public static class BackgroundWork
{
    /// <summary>Declares a recurring job (cron in UTC, e.g. <c>"*/1 * * * *"</c>).</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string name, string cron)
        where TJob : class, IRecurringJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new RecurringJobRegistration(name, typeof(TJob), cron));
        return services;
    }

    /// <summary>Declares a handler of an integration event; it runs once per message id (inbox), in the event's tenant.</summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IntegrationEvent
        where THandler : class, IEventHandler<TEvent>
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new EventHandlerRegistration(typeof(TEvent), typeof(THandler)));
        return services;
    }

    /// <summary>Runs <paramref name="work"/> once per tenant, each in its own scope with that tenant set.</summary>
    public static async Task ForEachTenantAsync(this IServiceScopeFactory scopes, Func<IServiceProvider, CancellationToken, Task> work, CancellationToken ct)
    {
        IReadOnlyList<TenantInfo> tenants;
        await using (var root = scopes.CreateAsyncScope())
        {
            tenants = await root.ServiceProvider.GetRequiredService<ITenantDirectory>().AllAsync(ct);
        }
        foreach (var tenant in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.Id, tenant.Slug);
            await work(scope.ServiceProvider, ct);
        }
    }
}
