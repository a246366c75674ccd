using Maison.Commerce.Membership;
using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Platform;

namespace Maison.Commerce.Tests.Membership;

public sealed class MemberLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly MembershipPlan Monthly = new(Guid.NewGuid(), "gold-monthly", "Gold", "gold", 2, Money.Of(5_000, "GBP"), PlanInterval.Month);

    [Fact]
    public void A_registrant_with_a_redeemed_invitation_starts_approved_and_one_without_waits_as_applicant()
    {
        Assert.Equal(MembershipStatus.Approved, new Member(Guid.NewGuid(), Guid.NewGuid(), "a@x.test", "A", "code", Now).Status);
        Assert.Equal(MembershipStatus.Applicant, new Member(Guid.NewGuid(), Guid.NewGuid(), "b@x.test", "B", null, Now).Status);
    }

    [Fact]
    public void An_applicant_cannot_be_activated_without_approval()
    {
        var member = new Member(Guid.NewGuid(), Guid.NewGuid(), "a@x.test", "A", null, Now);
        var ex = Assert.Throws<DomainException>(() => member.Activate(Monthly, "tok_visa", Now));
        Assert.Equal(ProblemCodes.InvalidTransition, ex.Code);
        Assert.Equal(MembershipStatus.Applicant, member.Status);
    }

    [Fact]
    public void A_failed_renewal_is_past_due_privileged_until_grace_ends()
    {
        var member = Active();
        Assert.True(member.RenewalFailed(TimeSpan.FromDays(7), Now));
        Assert.Equal(MembershipStatus.PastDue, member.Status);
        Assert.Equal(Now.AddMonths(1).AddDays(7), member.GraceEndsAt);
        Assert.True(member.IsPrivileged(Now.AddMonths(1).AddDays(6)));
        Assert.False(member.IsPrivileged(Now.AddMonths(1).AddDays(7)));
        Assert.False(member.RenewalFailed(TimeSpan.FromDays(7), Now.AddDays(1)));
        member.Expire();
        Assert.Equal(MembershipStatus.Expired, member.Status);
    }

    [Fact]
    public void A_renewal_extends_from_the_previous_expiry_and_names_the_next_periods_payment()
    {
        var member = Active();
        Assert.EndsWith(":period:2", member.NextPeriodReference);
        member.Renewed(Monthly, Now.AddDays(28));
        Assert.Equal(Now.AddMonths(2), member.ExpiresAt);
        Assert.EndsWith(":period:3", member.NextPeriodReference);
    }

    [Fact]
    public void Cancelling_twice_or_expiring_an_active_membership_is_an_invalid_transition()
    {
        var member = Active();
        Assert.Throws<DomainException>(member.Expire);
        member.Cancel();
        Assert.Equal(MembershipStatus.Cancelled, member.Status);
        Assert.Throws<DomainException>(member.Cancel);
    }

    private static Member Active()
    {
        var member = new Member(Guid.NewGuid(), Guid.NewGuid(), "a@x.test", "A", "code", Now);
        member.Activate(Monthly, "tok_visa", Now);
        return member;
    }
}
