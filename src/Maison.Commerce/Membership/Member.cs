using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Platform;
using Stateless;

namespace Maison.Commerce.Membership;

/// <summary>
/// A member of one tenant and the lifecycle of DOMAIN.md: applicant → approved → active → past_due → expired, and
/// cancelled from active or past_due. Active needs a paid fee for the period; <see cref="Period"/> counts paid periods
/// and names the next one's payment, so a retried or concurrent charge for it is the same payment.
/// </summary>
public sealed class Member : ITenantOwned, IVersioned
{
    private enum Trigger { Approve, Reject, Activate, Renew, RenewalFailed, Expire, Cancel }

    private Member() { }

    public Member(Guid tenantId, Guid accountId, string email, string name, string? invitationCode, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        AccountId = accountId;
        Email = email;
        Name = name;
        AppliedAt = now;
        Status = MembershipStatus.Applicant;
        if (invitationCode is not null)
        {
            InvitationCode = invitationCode;
            Fire(Trigger.Approve);
        }
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid AccountId { get; private set; }

    public string Email { get; private set; } = "";

    public string Name { get; private set; } = "";

    public MembershipStatus Status { get; private set; }

    /// <summary>The waitlist orders applicants by this.</summary>
    public DateTimeOffset AppliedAt { get; private set; }

    public string? InvitationCode { get; private set; }

    public Guid? PlanId { get; private set; }

    public string? Plan { get; private set; }

    public string? Tier { get; private set; }

    public int TierRank { get; private set; }

    public int Period { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? GraceEndsAt { get; private set; }

    public DateTimeOffset? LastRenewalAttemptAt { get; private set; }

    /// <summary>The payment method renewals charge. A secret: never returned or logged.</summary>
    public string? PaymentToken { get; private set; }

    public long Version { get; set; }

    /// <summary>The reference of the payment for the next period (the one a join or renewal charges).</summary>
    public string NextPeriodReference => $"membership:{Id:N}:period:{Period + 1}";

    public bool IsPrivileged(DateTimeOffset now) =>
        Status == MembershipStatus.Active || (Status == MembershipStatus.PastDue && GraceEndsAt > now);

    public bool CanJoin => Status is MembershipStatus.Approved or MembershipStatus.Expired or MembershipStatus.Cancelled or MembershipStatus.PastDue;

    public void Approve() => Fire(Trigger.Approve);

    public void Reject() => Fire(Trigger.Reject);

    /// <summary>A paid period starts now (a join) or, for a past-due member paying up, where the last one ended.</summary>
    public void Activate(MembershipPlan plan, string paymentToken, DateTimeOffset now)
    {
        var start = Status == MembershipStatus.PastDue && ExpiresAt is { } end ? end : now;
        Fire(Status == MembershipStatus.PastDue ? Trigger.Renew : Trigger.Activate);
        PlanId = plan.Id;
        Plan = plan.Code;
        Tier = plan.Tier;
        TierRank = plan.TierRank;
        PaymentToken = paymentToken;
        Period++;
        ExpiresAt = plan.PeriodEnd(start);
        GraceEndsAt = null;
    }

    public void Renewed(MembershipPlan plan, DateTimeOffset now)
    {
        Fire(Trigger.Renew);
        Period++;
        ExpiresAt = plan.PeriodEnd(ExpiresAt ?? now);
        GraceEndsAt = null;
        LastRenewalAttemptAt = now;
    }

    /// <summary>Returns whether this failure moved the member to past due (the first failure of the period does).</summary>
    public bool RenewalFailed(TimeSpan grace, DateTimeOffset now)
    {
        LastRenewalAttemptAt = now;
        if (Status == MembershipStatus.PastDue) return false;
        Fire(Trigger.RenewalFailed);
        GraceEndsAt = (ExpiresAt ?? now) + grace;
        return true;
    }

    /// <summary>The card renewals charge from now on; only a member who has paid before has one to change.</summary>
    public void ChangePaymentMethod(string paymentToken)
    {
        if (PaymentToken is null || Status is not (MembershipStatus.Active or MembershipStatus.PastDue))
        {
            throw DomainException.Conflict(ProblemCodes.InvalidTransition, $"A membership that is {Status} has no renewals to pay.");
        }
        PaymentToken = paymentToken;
    }

    public void Expire() => Fire(Trigger.Expire);

    public void Cancel() => Fire(Trigger.Cancel);

    private StateMachine<MembershipStatus, Trigger> Machine()
    {
        var m = new StateMachine<MembershipStatus, Trigger>(() => Status, s => Status = s);
        m.Configure(MembershipStatus.Applicant)
            .Permit(Trigger.Approve, MembershipStatus.Approved)
            .Permit(Trigger.Reject, MembershipStatus.Rejected);
        m.Configure(MembershipStatus.Approved).Permit(Trigger.Activate, MembershipStatus.Active);
        m.Configure(MembershipStatus.Active)
            .PermitReentry(Trigger.Renew)
            .Permit(Trigger.RenewalFailed, MembershipStatus.PastDue)
            .Permit(Trigger.Cancel, MembershipStatus.Cancelled);
        m.Configure(MembershipStatus.PastDue)
            .Permit(Trigger.Renew, MembershipStatus.Active)
            .Permit(Trigger.Expire, MembershipStatus.Expired)
            .Permit(Trigger.Cancel, MembershipStatus.Cancelled);
        // Former members may come back by paying again.
        m.Configure(MembershipStatus.Expired).Permit(Trigger.Activate, MembershipStatus.Active);
        m.Configure(MembershipStatus.Cancelled).Permit(Trigger.Activate, MembershipStatus.Active);
        return m;
    }

    private void Fire(Trigger trigger)
    {
        var machine = Machine();
        if (!machine.CanFire(trigger))
        {
            throw DomainException.Conflict(ProblemCodes.InvalidTransition,
                $"A membership that is {Status} cannot {trigger.ToString().ToLowerInvariant()}.");
        }
        machine.Fire(trigger);
    }
}
