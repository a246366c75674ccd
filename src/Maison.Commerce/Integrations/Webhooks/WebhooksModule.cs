using Maison.Commerce.Platform.Events;
using Maison.Commerce.Platform.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polly;

namespace Maison.Commerce.Integrations.Webhooks;

public static class WebhooksModule
{
    /// <summary>Subscriptions and the dispatcher everywhere; the sender only in the worker role.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration, bool worker)
    {
        var options = WebhookOptions.From(configuration);
        services.AddSingleton(options);
        services.AddScoped<WebhookSubscriptions>();
        services.AddEventHandler<IntegrationEvent, WebhookDispatcher>();
        // One timeout per attempt and nothing else: retries belong to the delivery (with backoff across minutes and
        // a log), not to the HTTP call.
        services.AddHttpClient(WebhookSender.ClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("Maison-Webhooks/1"))
            .AddResilienceHandler("webhook-timeout", b => b.AddTimeout(options.Timeout));
        if (worker) services.AddHostedService<WebhookSender>();
        return services;
    }
}
