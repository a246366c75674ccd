using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Payments.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Maison.Commerce.Membership;

/// <summary>
/// Paying for membership: joining, renewing, falling past due, expiring, cancelling. The fee is charged through
/// Payments (authorize, then capture) before the membership changes, and the payment is named after the period it
/// pays for, so a retry — by the member or by the job — resumes that payment instead of charging again.
/// </summary>
public sealed class Subscriptions(CommerceDb db, IPayments payments, MembershipCheck check, MembershipOptions options, TimeProvider time,
    ILogger<Subscriptions> logger)
{
    public async Task<Member> JoinAsync(Guid accountId, string planCode, string token, CancellationToken ct)
    {
        var member = await FindAsync(accountId, ct);
        if (!member.CanJoin)
        {
            throw DomainException.Conflict(ProblemCodes.InvalidTransition, $"A membership that is {member.Status} cannot be paid for now.");
        }
        var plan = await db.Set<MembershipPlan>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == planCode, ct)
            ?? throw DomainException.NotFound("Plan");

        // Nothing about the membership changes until the fee is captured: a decline or a lost answer leaves it as it was.
        await ChargeAsync(member.NextPeriodReference, plan.Fee, token, ct);

        member.Activate(plan, token, time.GetUtcNow());
        db.Publish(new MembershipActivated(member.Id, member.AccountId, plan.Code, plan.Tier, member.ExpiresAt!.Value));
        await SaveAsync(member, ct);
        return member;
    }

    public async Task<Member> CancelAsync(Guid accountId, CancellationToken ct)
    {
        var member = await FindAsync(accountId, ct);
        member.Cancel();
        db.Publish(new MembershipCancelled(member.Id, member.AccountId));
        await SaveAsync(member, ct);
        return member;
    }

    public async Task<Member> ChangePaymentMethodAsync(Guid accountId, string token, CancellationToken ct)
    {
        var member = await FindAsync(accountId, ct);
        member.ChangePaymentMethod(token);
        await SaveAsync(member, ct);
        return member;
    }

    /// <summary>Charges the next period with the stored payment method; a failure makes the member past due.</summary>
    public async Task RenewAsync(Guid memberId, CancellationToken ct)
    {
        var member = await db.Set<Member>().SingleAsync(m => m.Id == memberId, ct);
        var plan = member.PlanId is { } planId ? await db.Set<MembershipPlan>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, ct) : null;
        var now = time.GetUtcNow();
        try
        {
            if (plan is null || member.PaymentToken is null) throw PaymentProblems.Declined("no_payment_method");
            await ChargeAsync(member.NextPeriodReference, plan.Fee, member.PaymentToken, ct);
            member.Renewed(plan, now);
            db.Publish(new MembershipRenewed(member.Id, member.AccountId, plan.Code, member.ExpiresAt!.Value));
        }
        catch (DomainException ex) when (ex.Code == PaymentProblems.PaymentPending)
        {
            return; // the payment's outcome is not known yet: the next run resumes it
        }
        catch (DomainException ex) when (ex.Status is 402 or 502)
        {
            logger.LogInformation("Renewal of member {MemberId} failed: {Code}", member.Id, ex.Code);
            if (member.RenewalFailed(options.GracePeriod, now))
            {
                db.Publish(new MembershipPastDue(member.Id, member.AccountId, member.GraceEndsAt!.Value));
            }
        }
        await SaveAsync(member, ct);
    }

    public async Task ExpireAsync(Guid memberId, CancellationToken ct)
    {
        var member = await db.Set<Member>().SingleAsync(m => m.Id == memberId, ct);
        member.Expire();
        db.Publish(new MembershipExpired(member.Id, member.AccountId));
        await SaveAsync(member, ct);
    }

    public async Task<Member> FindAsync(Guid accountId, CancellationToken ct) =>
        await db.Set<Member>().SingleOrDefaultAsync(m => m.AccountId == accountId, ct) ?? throw DomainException.NotFound("Membership");

    private async Task ChargeAsync(string reference, Money fee, string token, CancellationToken ct)
    {
        var payment = (await payments.AuthorizeAsync(reference, fee, token, ct)).EnsureAuthorized();
        if (payment.Captured < payment.Amount) await payments.CaptureAsync(payment.Id, payment.Amount - payment.Captured, ct);
    }

    private async Task SaveAsync(Member member, CancellationToken ct)
    {
        await ETags.SaveAsync(db, ct);
        check.Forget(member.AccountId);
    }
}
