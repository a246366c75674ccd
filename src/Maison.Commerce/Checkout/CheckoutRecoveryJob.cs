using Maison.Commerce.Orders.Contracts;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maison.Commerce.Checkout;

/// <summary>
/// Finishes checkouts nobody came back for: orders still <c>pending_payment</c> after <see cref="CheckoutOptions.RecoverAfter"/>
/// (their process died, or the gateway's answer was lost and the member never retried) are resumed from the payment
/// step, which asks the gateway by the payment's idempotency key, then confirms or compensates.
/// </summary>
public sealed class CheckoutRecoveryJob(IServiceScopeFactory scopes, CheckoutOptions options, TimeProvider time, ILogger<CheckoutRecoveryJob> logger)
    : IRecurringJob
{
    public const string Name = "checkout-recovery";

    public Task RunAsync(CancellationToken ct) => scopes.ForEachTenantAsync(async (services, token) =>
    {
        var due = await services.GetRequiredService<IOrders>().PendingPaymentBeforeAsync(time.GetUtcNow() - options.RecoverAfter, 200, token);
        foreach (var orderId in due)
        {
            // One scope per order: a failure leaves no tracked state behind for the next one.
            await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(services.GetRequiredService<TenantContext>().TenantId,
                services.GetRequiredService<TenantContext>().Slug ?? "");
            try
            {
                await scope.ServiceProvider.GetRequiredService<CheckoutSaga>().ResumeAsync(orderId, token);
            }
            catch (DomainException e)
            {
                logger.LogInformation("Recovery of order {OrderId} ended with {Code}", orderId, e.Code);
            }
        }
    }, ct);
}

public sealed class CheckoutOptions
{
    /// <summary>How long an order may stay pending_payment before the job takes it over (config <c>Maison:Checkout:RecoverAfterSeconds</c>).</summary>
    public TimeSpan RecoverAfter { get; init; } = TimeSpan.FromMinutes(3);
}
