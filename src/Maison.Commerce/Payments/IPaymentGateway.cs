using Maison.Commerce.Platform;

namespace Maison.Commerce.Payments;

public enum GatewayOutcome
{
    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>The gateway said no (a card decline, an amount beyond the balance): nothing happened.</summary>
    Declined,

    /// <summary>The gateway failed (5xx after retries with the same key): nothing happened, the caller may try again.</summary>
    Failed,

    /// <summary>The request may or may not have happened (timeout, connection lost): ask by idempotency key later.</summary>
    Unknown,
}

/// <param name="Reference">The gateway's id of the authorization (a Stripe PaymentIntent id), once known.</param>
public sealed record GatewayResult(GatewayOutcome Outcome, string? Reference = null, string? DeclineCode = null)
{
    public static readonly GatewayResult Unknown = new(GatewayOutcome.Unknown);

    public static readonly GatewayResult NotFound = new(GatewayOutcome.Declined, null, "not_processed");
}

/// <summary>
/// The port to a payment provider. Every call carries the caller's idempotency key: the same key is the same
/// operation, however often it is sent.
/// </summary>
public interface IPaymentGateway
{
    Task<GatewayResult> AuthorizeAsync(string idempotencyKey, Money amount, string token, CancellationToken ct);

    Task<GatewayResult> CaptureAsync(string idempotencyKey, string reference, Money amount, CancellationToken ct);

    Task<GatewayResult> VoidAsync(string idempotencyKey, string reference, CancellationToken ct);

    Task<GatewayResult> RefundAsync(string idempotencyKey, string reference, Money amount, CancellationToken ct);

    /// <summary>What became of the operation sent with <paramref name="idempotencyKey"/>; <see cref="GatewayResult.NotFound"/> if it never arrived.</summary>
    Task<GatewayResult> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken ct);
}
