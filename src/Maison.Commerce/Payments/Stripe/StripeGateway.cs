using Maison.Commerce.Platform;
using Stripe;

namespace Maison.Commerce.Payments.Stripe;

/// <summary>
/// The <see cref="IPaymentGateway"/> adapter for Stripe: a PaymentIntent confirmed with manual capture is an
/// authorization. Every call sends our idempotency key (Stripe replays its first answer for 24 h) and the
/// authorization also stores it as metadata, which is how <see cref="FindByIdempotencyKeyAsync"/> finds it again.
/// </summary>
internal sealed class StripeGateway(IStripeClient stripe) : IPaymentGateway
{
    public const string KeyMetadata = "maison_idempotency_key";

    public async Task<GatewayResult> AuthorizeAsync(string idempotencyKey, Money amount, string token, CancellationToken ct) =>
        await CallAsync(async () =>
        {
            var intent = await new PaymentIntentService(stripe).CreateAsync(new PaymentIntentCreateOptions
            {
                Amount = amount.AmountMinor,
                Currency = amount.Currency.Code.ToLowerInvariant(),
                PaymentMethod = token,
                // Server-side confirmation of a saved card: no redirect-based methods.
                AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true, AllowRedirects = "never" },
                CaptureMethod = "manual",
                Confirm = true,
                Metadata = new Dictionary<string, string> { [KeyMetadata] = idempotencyKey },
            }, Options(idempotencyKey), ct);
            return FromIntent(intent);
        });

    public async Task<GatewayResult> CaptureAsync(string idempotencyKey, string reference, Money amount, CancellationToken ct) =>
        await CallAsync(async () => FromIntent(await new PaymentIntentService(stripe).CaptureAsync(reference,
            new PaymentIntentCaptureOptions { AmountToCapture = amount.AmountMinor }, Options(idempotencyKey), ct)));

    public async Task<GatewayResult> VoidAsync(string idempotencyKey, string reference, CancellationToken ct) =>
        await CallAsync(async () =>
        {
            var intent = await new PaymentIntentService(stripe).CancelAsync(reference, new PaymentIntentCancelOptions(), Options(idempotencyKey), ct);
            return new GatewayResult(intent.Status == "canceled" ? GatewayOutcome.Succeeded : GatewayOutcome.Declined, intent.Id);
        });

    public async Task<GatewayResult> RefundAsync(string idempotencyKey, string reference, Money amount, CancellationToken ct) =>
        await CallAsync(async () =>
        {
            var refund = await new RefundService(stripe).CreateAsync(new RefundCreateOptions { PaymentIntent = reference, Amount = amount.AmountMinor },
                Options(idempotencyKey), ct);
            return refund.Status is "succeeded" or "pending"
                ? new GatewayResult(GatewayOutcome.Succeeded, refund.Id)
                : new GatewayResult(GatewayOutcome.Declined, refund.Id, refund.FailureReason ?? "refund_failed");
        });

    public async Task<GatewayResult> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken ct) =>
        await CallAsync(async () =>
        {
            var found = await new PaymentIntentService(stripe).SearchAsync(new PaymentIntentSearchOptions
            {
                Query = $"metadata['{KeyMetadata}']:'{idempotencyKey.Replace("'", "", StringComparison.Ordinal)}'",
                Limit = 1,
            }, null, ct);
            return found.Data.FirstOrDefault() is { } intent ? FromIntent(intent) : GatewayResult.NotFound;
        });

    private static GatewayResult FromIntent(PaymentIntent intent) => intent.Status switch
    {
        "requires_capture" or "succeeded" => new GatewayResult(GatewayOutcome.Succeeded, intent.Id),
        "processing" => new GatewayResult(GatewayOutcome.Unknown, intent.Id),
        _ => new GatewayResult(GatewayOutcome.Declined, intent.Id,
            intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code ?? (intent.Status == "requires_action" ? "authentication_required" : "card_declined")),
    };

    private static RequestOptions Options(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };

    private static async Task<GatewayResult> CallAsync(Func<Task<GatewayResult>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException ex) when (ex.StripeError?.Type == "card_error")
        {
            return new GatewayResult(GatewayOutcome.Declined, ex.StripeError.PaymentIntent?.Id, ex.StripeError.DeclineCode ?? ex.StripeError.Code ?? "card_declined");
        }
        catch (StripeException ex) when ((int)ex.HttpStatusCode >= 500)
        {
            return new GatewayResult(GatewayOutcome.Failed, null, "processing_error");
        }
        catch (StripeException ex) when (ex.HttpStatusCode == 0 || ex.InnerException is HttpRequestException or TaskCanceledException)
        {
            return GatewayResult.Unknown;
        }
        catch (StripeException ex)
        {
            return new GatewayResult(GatewayOutcome.Declined, null, ex.StripeError?.Code ?? "invalid_request");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return GatewayResult.Unknown;
        }
    }
}
