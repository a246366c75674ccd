using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Membership;

/// <summary>Joining the waitlist, invitations, and staff decisions on applicants.</summary>
public sealed class Registration(CommerceDb db, IAccountRegistry accounts, MembershipCheck check, TimeProvider time)
{
    /// <summary>
    /// Creates the login and the member in one transaction. A valid invitation code approves at once and counts one use
    /// with a single conditional update, so uses never exceed the maximum however many redeem at once; if anything
    /// fails (e.g. the e-mail is taken), the rollback gives the use back. Without a (usable) code: applicant.
    /// </summary>
    public async Task<Member> RegisterAsync(string email, string password, string name, string? invitationCode, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The login first (its password hash is slow), so the invitation's row is locked only from the count to the
        // commit, milliseconds, and concurrent redemptions queue on it briefly.
        var accountId = await accounts.CreateMemberAccountAsync(db.Tenant.Required, email, password, name, ct);
        var redeemed = invitationCode is { Length: > 0 } code
            && await db.Set<Invitation>()
                .Where(i => i.Code == code && i.Uses < i.MaxUses && (i.ExpiresAt == null || i.ExpiresAt > now))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Uses, i => i.Uses + 1), ct) == 1;
        var member = new Member(db.Tenant.Required, accountId, email.Trim().ToLowerInvariant(), name, redeemed ? invitationCode : null, now);
        db.Set<Member>().Add(member);
        db.Publish(redeemed ? new MembershipApproved(member.Id, accountId, invitationCode) : new MembershipApplied(member.Id, accountId));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return member;
    }

    public async Task<Invitation> CreateInvitationAsync(string code, int maxUses, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var invitation = new Invitation(db.Tenant.Required, code, maxUses, expiresAt, time.GetUtcNow());
        db.Set<Invitation>().Add(invitation);
        await SaveUniqueAsync(invitation, $"The invitation code '{code}' exists.", ct);
        return invitation;
    }

    public async Task<MembershipPlan> CreatePlanAsync(MembershipPlan plan, CancellationToken ct)
    {
        db.Set<MembershipPlan>().Add(plan);
        await SaveUniqueAsync(plan, $"The plan '{plan.Code}' exists.", ct);
        return plan;
    }

    public Task<Member> ApproveAsync(Guid memberId, long? expectedVersion, CancellationToken ct) =>
        DecideAsync(memberId, expectedVersion, m =>
        {
            m.Approve();
            return new MembershipApproved(m.Id, m.AccountId, null);
        }, ct);

    public Task<Member> RejectAsync(Guid memberId, long? expectedVersion, CancellationToken ct) =>
        DecideAsync(memberId, expectedVersion, m =>
        {
            m.Reject();
            return new MembershipRejected(m.Id, m.AccountId);
        }, ct);

    /// <summary>1 for the applicant who applied first; null for anyone not waiting.</summary>
    public async Task<int?> WaitlistPositionAsync(Member member, CancellationToken ct)
    {
        if (member.Status != MembershipStatus.Applicant) return null;
        var ahead = await db.Set<Member>().CountAsync(m => m.Status == MembershipStatus.Applicant && m.AppliedAt < member.AppliedAt, ct);
        return ahead + 1;
    }

    private async Task<Member> DecideAsync(Guid memberId, long? expectedVersion, Func<Member, IntegrationEvent> decide, CancellationToken ct)
    {
        var member = await db.Set<Member>().SingleOrDefaultAsync(m => m.Id == memberId, ct) ?? throw DomainException.NotFound("Member");
        ETags.EnsureMatches(expectedVersion, member.Version);
        db.Publish(decide(member));
        await ETags.SaveAsync(db, ct);
        check.Forget(member.AccountId);
        return member;
    }

    private async Task SaveUniqueAsync(object entity, string detail, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(entity).State = EntityState.Detached;
            throw DomainException.Conflict(ProblemCodes.CodeTaken, detail);
        }
    }
}
