using Maison.Commerce.Payments.Contracts;
using Maison.Commerce.Platform;
using Stateless;

namespace Maison.Commerce.Payments;

/// <summary>
/// One payment intent. Captures and refunds are two-phase: <c>Begin…</c> reserves the amount under the row lock before
/// the gateway is called (so concurrent operations see each other's reservations), <c>Complete…</c> or <c>Abandon…</c>
/// settles it afterwards. Invariants: captured + pending captures ≤ amount; refunded + pending refunds ≤ captured.
/// </summary>
public sealed class Payment : ITenantOwned, IVersioned
{
    private enum Trigger { Authorize, Fail, LoseResponse, Capture, Refund, Void }

    private Payment() { }

    public Payment(Guid tenantId, string reference, Money amount, DateTimeOffset now)
    {
        if (amount.AmountMinor <= 0) throw DomainException.Validation("amount", "amount must be positive.");
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        Reference = reference;
        Currency = amount.Currency;
        AmountMinor = amount.AmountMinor;
        CreatedAt = UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Reference { get; private set; } = "";

    public Currency Currency { get; private set; } = Currency.GBP;

    public long AmountMinor { get; private set; }

    public long CapturedMinor { get; private set; }

    public long RefundedMinor { get; private set; }

    public long PendingCaptureMinor { get; private set; }

    public long PendingRefundMinor { get; private set; }

    /// <summary>How many captures were begun: the sequence in each capture's idempotency key.</summary>
    public int CaptureSequence { get; private set; }

    public int RefundSequence { get; private set; }

    public PaymentStatus Status { get; private set; } = PaymentStatus.Pending;

    public string? GatewayReference { get; private set; }

    public string? DeclineCode { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public long Version { get; set; }

    public Money Amount => new(AmountMinor, Currency);

    /// <summary>Deterministic idempotency keys: payment id + operation + sequence.</summary>
    public string AuthorizeKey => $"{Id:N}:authorize";

    public string CaptureKey(int sequence) => $"{Id:N}:capture:{sequence}";

    public string RefundKey(int sequence) => $"{Id:N}:refund:{sequence}";

    public string VoidKey => $"{Id:N}:void";

    public void Authorized(string gatewayReference, DateTimeOffset now)
    {
        Fire(Trigger.Authorize);
        GatewayReference = gatewayReference;
        UpdatedAt = now;
    }

    public void Failed(string declineCode, DateTimeOffset now)
    {
        Fire(Trigger.Fail);
        DeclineCode = declineCode;
        UpdatedAt = now;
    }

    public void ResponseLost(DateTimeOffset now)
    {
        Fire(Trigger.LoseResponse);
        UpdatedAt = now;
    }

    /// <summary>Reserves <paramref name="amount"/> for a capture; returns the capture's sequence number.</summary>
    public int BeginCapture(Money amount, DateTimeOffset now)
    {
        EnsureCan(Trigger.Capture);
        var minor = Positive(amount);
        if (CapturedMinor + PendingCaptureMinor + minor > AmountMinor)
        {
            throw Exceeds($"Capturing {amount} would exceed the {Amount} authorized ({new Money(CapturedMinor + PendingCaptureMinor, Currency)} captured or being captured).");
        }
        PendingCaptureMinor += minor;
        UpdatedAt = now;
        return ++CaptureSequence;
    }

    public void CompleteCapture(Money amount, DateTimeOffset now)
    {
        PendingCaptureMinor -= amount.AmountMinor;
        CapturedMinor += amount.AmountMinor;
        Fire(Trigger.Capture);
        UpdatedAt = now;
    }

    public void AbandonCapture(Money amount, DateTimeOffset now)
    {
        PendingCaptureMinor -= amount.AmountMinor;
        UpdatedAt = now;
    }

    /// <summary>Reserves <paramref name="amount"/> for a refund; returns the refund's sequence number.</summary>
    public int BeginRefund(Money amount, DateTimeOffset now)
    {
        EnsureCan(Trigger.Refund);
        var minor = Positive(amount);
        if (RefundedMinor + PendingRefundMinor + minor > CapturedMinor)
        {
            throw Exceeds($"Refunding {amount} would exceed the {new Money(CapturedMinor, Currency)} captured ({new Money(RefundedMinor + PendingRefundMinor, Currency)} refunded or being refunded).");
        }
        PendingRefundMinor += minor;
        UpdatedAt = now;
        return ++RefundSequence;
    }

    public void CompleteRefund(Money amount, DateTimeOffset now)
    {
        PendingRefundMinor -= amount.AmountMinor;
        RefundedMinor += amount.AmountMinor;
        Fire(Trigger.Refund);
        UpdatedAt = now;
    }

    public void AbandonRefund(Money amount, DateTimeOffset now)
    {
        PendingRefundMinor -= amount.AmountMinor;
        UpdatedAt = now;
    }

    /// <summary>Reserves the whole authorization so no capture starts while the void is in flight.</summary>
    public void BeginVoid(DateTimeOffset now)
    {
        EnsureCan(Trigger.Void);
        if (PendingCaptureMinor > 0) throw DomainException.Conflict(PaymentProblems.PaymentInProgress, "A capture of this payment is in flight.");
        PendingCaptureMinor = AmountMinor;
        UpdatedAt = now;
    }

    public void CompleteVoid(DateTimeOffset now)
    {
        PendingCaptureMinor = 0;
        Fire(Trigger.Void);
        UpdatedAt = now;
    }

    public void AbandonVoid(DateTimeOffset now)
    {
        PendingCaptureMinor = 0;
        UpdatedAt = now;
    }

    public PaymentView ToView() =>
        new(Id, Reference, Status, Amount, new Money(CapturedMinor, Currency), new Money(RefundedMinor, Currency), DeclineCode);

    private StateMachine<PaymentStatus, Trigger> Machine()
    {
        var m = new StateMachine<PaymentStatus, Trigger>(() => Status, s => Status = s);
        m.Configure(PaymentStatus.Pending)
            .Permit(Trigger.Authorize, PaymentStatus.Authorized)
            .Permit(Trigger.Fail, PaymentStatus.Failed)
            .Permit(Trigger.LoseResponse, PaymentStatus.RequiresReconciliation);
        m.Configure(PaymentStatus.RequiresReconciliation)
            .Permit(Trigger.Authorize, PaymentStatus.Authorized)
            .Permit(Trigger.Fail, PaymentStatus.Failed);
        m.Configure(PaymentStatus.Authorized)
            .PermitDynamic(Trigger.Capture, Settled)
            .Permit(Trigger.Void, PaymentStatus.Voided);
        // A capture begun before a refund may complete after it: the money states all accept both settlements.
        foreach (var state in new[] { PaymentStatus.PartiallyCaptured, PaymentStatus.Captured, PaymentStatus.PartiallyRefunded, PaymentStatus.Refunded })
        {
            var money = m.Configure(state).PermitDynamic(Trigger.Refund, Settled);
            if (state != PaymentStatus.Captured) money.PermitDynamic(Trigger.Capture, Settled);
        }
        return m;
    }

    /// <summary>The status the amounts describe once a capture or refund has settled.</summary>
    private PaymentStatus Settled() =>
        RefundedMinor > 0
            ? RefundedMinor >= CapturedMinor ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded
            : CapturedMinor >= AmountMinor ? PaymentStatus.Captured : PaymentStatus.PartiallyCaptured;

    private void EnsureCan(Trigger trigger)
    {
        if (!Machine().CanFire(trigger))
        {
            throw DomainException.Conflict(ProblemCodes.InvalidTransition, $"A payment that is {Status} cannot {trigger.ToString().ToLowerInvariant()}.");
        }
    }

    private void Fire(Trigger trigger)
    {
        EnsureCan(trigger);
        Machine().Fire(trigger);
    }

    private long Positive(Money amount)
    {
        if (amount.Currency != Currency)
        {
            throw new DomainException(ProblemCodes.CurrencyMismatch, $"The payment is in {Currency.Code}, not {amount.Currency.Code}.", 400);
        }
        if (amount.AmountMinor <= 0) throw DomainException.Validation("amount", "amount must be positive.");
        return amount.AmountMinor;
    }

    private static DomainException Exceeds(string detail) => DomainException.Conflict(PaymentProblems.AmountExceedsBalance, detail);
}
