using System.Text.Json.Serialization;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Payments.Contracts;

/// <summary>Payment statuses of DOMAIN.md.</summary>
public enum PaymentStatus
{
    Pending,
    Authorized,
    [JsonStringEnumMemberName("partially_captured")]
    PartiallyCaptured,
    Captured,
    [JsonStringEnumMemberName("partially_refunded")]
    PartiallyRefunded,
    Refunded,
    Voided,
    Failed,
    [JsonStringEnumMemberName("requires_reconciliation")]
    RequiresReconciliation,
}

/// <summary>What other modules see of a payment; amounts in the payment's currency.</summary>
/// <param name="Reference">The caller's name for what is paid (e.g. <c>membership:{id}:period:2</c>); one live payment per reference.</param>
/// <param name="DeclineCode">Why the gateway said no (<c>card_declined</c>, <c>insufficient_funds</c>, <c>processing_error</c>), when it did.</param>
public sealed record PaymentView(Guid Id, string Reference, PaymentStatus Status, Money Amount, Money Captured, Money Refunded, string? DeclineCode)
{
    public bool IsAuthorized => Status is not (PaymentStatus.Pending or PaymentStatus.Failed or PaymentStatus.Voided or PaymentStatus.RequiresReconciliation);

    /// <summary>Throws the API's problem for a payment that did not authorize: 402 declined, or 503 while its outcome is unknown.</summary>
    public PaymentView EnsureAuthorized()
    {
        if (IsAuthorized) return this;
        if (Status is PaymentStatus.RequiresReconciliation or PaymentStatus.Pending) throw PaymentProblems.Pending(Id);
        throw PaymentProblems.Declined(DeclineCode);
    }
}

/// <summary>
/// The payments other modules use (Membership fees, Checkout orders, Returns refunds). Every call is safe to repeat:
/// authorizing the same <c>reference</c> again resumes the live payment instead of charging twice, and every gateway
/// call carries a deterministic idempotency key.
/// </summary>
public interface IPayments
{
    /// <summary>Creates and authorizes a payment for <paramref name="reference"/>, or returns the live one for it.</summary>
    Task<PaymentView> AuthorizeAsync(string reference, Money amount, string token, CancellationToken ct);

    /// <summary>
    /// Adds a <c>pending</c> payment for <paramref name="reference"/> to the caller's unit of work, saved with the caller's
    /// transaction (Checkout's order and its payment commit together); authorize it with <see cref="AuthorizePendingAsync"/>.
    /// With a <paramref name="batch"/> (PostgreSQL) its insert goes into the batch instead of EF's save (ADR 0015).
    /// </summary>
    Guid AddPending(string reference, Money amount, SqlBatch? batch = null);

    /// <summary>
    /// Authorizes the payment <see cref="AddPending"/> created for <paramref name="reference"/>. Safe to repeat and to resume
    /// after a crash: a pending payment is sent again under its own idempotency key (the gateway answers the first outcome),
    /// one whose answer was lost is reconciled, a settled one is returned as it is.
    /// </summary>
    Task<PaymentView> AuthorizePendingAsync(string reference, Money amount, string token, CancellationToken ct);

    /// <summary>
    /// <see cref="AuthorizePendingAsync(string, Money, string, CancellationToken)"/>; when the payment this scope added is
    /// authorized, its settlement is not saved on its own but added to <paramref name="settleIn"/> (PostgreSQL, ADR 0015),
    /// so it commits with the caller's confirmation. If that transaction does not commit, the caller calls
    /// <see cref="SaveDeferredAsync"/>. The batch throws 409 <c>payment_in_progress</c> if the row changed meanwhile.
    /// </summary>
    Task<PaymentView> AuthorizePendingAsync(string reference, Money amount, string token, SqlBatch? settleIn, CancellationToken ct);

    /// <summary>Saves, on its own, a settlement left to a batch whose transaction did not commit; nothing if there is none.</summary>
    Task SaveDeferredAsync(CancellationToken ct);

    /// <summary>Captures part or all of what is authorized; 409 <c>amount_exceeds_balance</c> beyond it.</summary>
    Task<PaymentView> CaptureAsync(Guid paymentId, Money amount, CancellationToken ct);

    /// <summary>Releases an authorization nothing was captured from.</summary>
    Task<PaymentView> VoidAsync(Guid paymentId, CancellationToken ct);

    /// <summary>Refunds part or all of what was captured; 409 <c>amount_exceeds_balance</c> beyond it.</summary>
    Task<PaymentView> RefundAsync(Guid paymentId, Money amount, CancellationToken ct);

    Task<PaymentView?> FindAsync(Guid paymentId, CancellationToken ct);
}

/// <summary>The stable problem codes of payments.</summary>
public static class PaymentProblems
{
    public const string PaymentDeclined = "payment_declined";
    public const string PaymentPending = "payment_pending";
    public const string PaymentInProgress = "payment_in_progress";
    public const string AmountExceedsBalance = "amount_exceeds_balance";
    public const string GatewayUnavailable = "payment_gateway_unavailable";

    public static DomainException Declined(string? declineCode) =>
        new(PaymentDeclined, "The payment was declined.", 402, new Dictionary<string, object?> { ["declineCode"] = declineCode ?? "card_declined" });

    /// <summary>The gateway's answer was lost; a job asks it what happened. Retry with the same Idempotency-Key.</summary>
    public static DomainException Pending(Guid paymentId) =>
        new(PaymentPending, "The payment's outcome is not known yet; retry with the same Idempotency-Key shortly.", 503,
            new Dictionary<string, object?> { ["paymentId"] = paymentId });
}
