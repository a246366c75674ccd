using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Maison.Commerce.Payments;
using Maison.Commerce.Payments.Contracts;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Tests.Payments;

public sealed class PaymentStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private enum Step { BeginCapture, CompleteCapture, AbandonCapture, BeginRefund, CompleteRefund, AbandonRefund }

    private static Arbitrary<(Step Step, int Amount)[]> Sequences =>
        Gen.ArrayOf(Gen.Elements(Enum.GetValues<Step>()).SelectMany(step => Gen.Choose(1, 4_000).Select(amount => (step, amount)))).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Random_captures_and_refunds_never_exceed_what_was_authorized_or_captured() =>
        Prop.ForAll(Sequences, steps =>
        {
            var payment = AuthorizedPayment(10_000);
            var captures = new Queue<long>();
            var refunds = new Queue<long>();
            foreach (var (step, amount) in steps)
            {
                try
                {
                    Apply(payment, step, amount, captures, refunds);
                }
                catch (DomainException ex) when (ex.Code is PaymentProblems.AmountExceedsBalance or ProblemCodes.InvalidTransition)
                {
                    // refused: nothing may have changed, which the invariants below check
                }
                if (!Holds(payment)) return false;
            }
            return Holds(payment) && payment.CapturedMinor + captures.Sum() <= payment.AmountMinor;
        });

    [Fact]
    public void A_full_capture_then_full_refund_walks_the_documented_states()
    {
        var payment = AuthorizedPayment(1_000);
        payment.BeginCapture(Gbp(400), Now);
        payment.CompleteCapture(Gbp(400), Now);
        Assert.Equal(PaymentStatus.PartiallyCaptured, payment.Status);
        payment.BeginCapture(Gbp(600), Now);
        payment.CompleteCapture(Gbp(600), Now);
        Assert.Equal(PaymentStatus.Captured, payment.Status);
        payment.BeginRefund(Gbp(100), Now);
        payment.CompleteRefund(Gbp(100), Now);
        Assert.Equal(PaymentStatus.PartiallyRefunded, payment.Status);
        payment.BeginRefund(Gbp(900), Now);
        payment.CompleteRefund(Gbp(900), Now);
        Assert.Equal(PaymentStatus.Refunded, payment.Status);
    }

    [Fact]
    public void Every_operation_gets_its_own_deterministic_idempotency_key()
    {
        var payment = AuthorizedPayment(1_000);
        var first = payment.BeginCapture(Gbp(100), Now);
        var second = payment.BeginCapture(Gbp(100), Now);
        Assert.Equal($"{payment.Id:N}:capture:1", payment.CaptureKey(first));
        Assert.Equal($"{payment.Id:N}:capture:2", payment.CaptureKey(second));
        Assert.Equal($"{payment.Id:N}:authorize", payment.AuthorizeKey);
    }

    [Fact]
    public void A_declined_payment_cannot_be_captured()
    {
        var payment = new Payment(Guid.NewGuid(), "order:1", Gbp(1_000), Now);
        payment.Failed("card_declined", Now);
        var ex = Assert.Throws<DomainException>(() => payment.BeginCapture(Gbp(1), Now));
        Assert.Equal(ProblemCodes.InvalidTransition, ex.Code);
    }

    [Fact]
    public void A_lost_answer_waits_for_reconciliation_which_may_authorize_it()
    {
        var payment = new Payment(Guid.NewGuid(), "order:1", Gbp(1_000), Now);
        payment.ResponseLost(Now);
        Assert.Equal(PaymentStatus.RequiresReconciliation, payment.Status);
        payment.Authorized("auth_1", Now);
        Assert.Equal(PaymentStatus.Authorized, payment.Status);
    }

    private static void Apply(Payment payment, Step step, int amount, Queue<long> captures, Queue<long> refunds)
    {
        switch (step)
        {
            case Step.BeginCapture:
                payment.BeginCapture(Gbp(amount), Now);
                captures.Enqueue(amount);
                break;
            case Step.CompleteCapture when captures.Count > 0:
                payment.CompleteCapture(Gbp(captures.Dequeue()), Now);
                break;
            case Step.AbandonCapture when captures.Count > 0:
                payment.AbandonCapture(Gbp(captures.Dequeue()), Now);
                break;
            case Step.BeginRefund:
                payment.BeginRefund(Gbp(amount), Now);
                refunds.Enqueue(amount);
                break;
            case Step.CompleteRefund when refunds.Count > 0:
                payment.CompleteRefund(Gbp(refunds.Dequeue()), Now);
                break;
            case Step.AbandonRefund when refunds.Count > 0:
                payment.AbandonRefund(Gbp(refunds.Dequeue()), Now);
                break;
        }
    }

    private static bool Holds(Payment p) =>
        p.CapturedMinor >= 0 && p.RefundedMinor >= 0 && p.PendingCaptureMinor >= 0 && p.PendingRefundMinor >= 0
        && p.CapturedMinor + p.PendingCaptureMinor <= p.AmountMinor
        && p.RefundedMinor + p.PendingRefundMinor <= p.CapturedMinor
        && (p.RefundedMinor == 0 || p.Status is PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded);

    private static Payment AuthorizedPayment(long amount)
    {
        var payment = new Payment(Guid.NewGuid(), "order:1", Gbp(amount), Now);
        payment.Authorized("auth_1", Now);
        return payment;
    }

    private static Money Gbp(long minor) => Money.Of(minor, "GBP");
}
