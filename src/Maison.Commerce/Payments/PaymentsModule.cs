using Maison.Commerce.Payments.Contracts;
using Maison.Commerce.Payments.Sandbox;
using Maison.Commerce.Payments.Stripe;
using Maison.Commerce.Platform.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Stripe;

namespace Maison.Commerce.Payments;

public static class PaymentsModule
{
    public const string GatewayKey = "Maison:Payments:Gateway";

    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<PaymentService>();
        services.AddScoped<IPayments>(sp => sp.GetRequiredService<PaymentService>());
        services.AddRecurringJob<PaymentReconciliationJob>("payments-reconciliation", "*/1 * * * *");

        var timeout = TimeSpan.FromSeconds(configuration.GetValue("Maison:Payments:TimeoutSeconds", 10));
        var gateway = configuration[GatewayKey] is { Length: > 0 } g ? g : "Sandbox";
        if (string.Equals(gateway, "Stripe", StringComparison.OrdinalIgnoreCase))
        {
            services.AddHttpClient("stripe", c => c.Timeout = timeout);
            services.AddSingleton<IStripeClient>(sp => new StripeClient(
                configuration["Maison:Payments:Stripe:ApiKey"] ?? throw new InvalidOperationException("Maison:Payments:Stripe:ApiKey is required for the Stripe gateway."),
                httpClient: new SystemNetHttpClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient("stripe"), maxNetworkRetries: 2),
                apiBase: configuration["Maison:Payments:Stripe:ApiBase"]));
            services.AddScoped<IPaymentGateway, StripeGateway>();
        }
        else if (string.Equals(gateway, "Sandbox", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<SandboxGatewayEndpoint>();
            services.AddHttpClient<IPaymentGateway, SandboxGateway>()
                .AddResilienceHandler("payments-sandbox", pipeline =>
                {
                    // Every call carries an idempotency key, so a retry is the same operation: retry what the gateway
                    // says failed (5xx), never a lost connection, whose outcome reconciliation settles.
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = 2,
                        Delay = TimeSpan.FromMilliseconds(50),
                        BackoffType = DelayBackoffType.Exponential,
                        ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && (int)r.StatusCode >= 500),
                    });
                    pipeline.AddTimeout(timeout);
                });
        }
        else
        {
            throw new InvalidOperationException($"{GatewayKey} must be Sandbox or Stripe, not '{gateway}'.");
        }
        return services;
    }
}
