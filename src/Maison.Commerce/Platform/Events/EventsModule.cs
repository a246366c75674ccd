using Maison.Commerce.Platform.Events.RabbitMq;
using Maison.Commerce.Platform.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Maison.Commerce.Platform.Events;

/// <summary>The event backbone: outbox relay, handler invocation behind the inbox, the broker, dead letters.</summary>
public static class EventsModule
{
    /// <summary>Registers the backbone; the relay and the consumers run only in the worker role.</summary>
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration, bool worker)
    {
        var options = EventBusOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton<HandlerInvoker>();
        services.AddScoped<DeadLetters>();
        services.AddRecurringJob<OutboxPurgeJob>("outbox-purge", "17 3 * * *");
        if (options.Bus == BusKind.RabbitMQ)
        {
            services.AddSingleton<RabbitMqBus>();
            services.TryAddSingleton<IOutboxSink, RabbitMqSink>(); // Try: a host may put its own sink in front (the tests do)
        }
        else
        {
            services.TryAddSingleton<IOutboxSink, InProcessSink>();
        }
        if (!worker) return services;

        services.AddHostedService<OutboxRelay>();
        if (options.Bus == BusKind.RabbitMQ) services.AddHostedService<RabbitMqConsumer>();
        return services;
    }
}
