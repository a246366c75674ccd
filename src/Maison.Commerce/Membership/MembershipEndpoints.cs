using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Http;
using Maison.Commerce.Tenancy.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Membership;

public static class MembershipEndpoints
{
    public static void MapMembership(this MaisonRoutes routes)
    {
        routes.Tenant.MapPost("/members", Register).WithTags("Membership").WithName("RegisterMember")
            .WithSummary("Register: an applicant on the waitlist, or approved at once with a valid invitation code.");

        var me = routes.Member.MapGroup("/membership").WithTags("Membership");
        me.MapGet("", GetMine).WithName("GetMyMembership").WithSummary("Status, tier, expiry and waitlist position.");
        me.MapPost("", Join).WithName("JoinMembership").WithSummary("Pay a plan's fee and activate (send an Idempotency-Key).");
        me.MapPost("/cancel", Cancel).WithName("CancelMembership");
        me.MapPut("/payment-method", ChangePaymentMethod).WithName("ChangeMembershipPaymentMethod")
            .WithSummary("The card renewals charge; nothing is charged now.");

        var admin = routes.Admin.WithTags("Membership");
        admin.MapPost("/membership-plans", CreatePlan).RequireAuthorization(Permissions.MembersWrite).WithName("CreateMembershipPlan");
        admin.MapGet("/membership-plans", ListPlans).RequireAuthorization(Permissions.MembersRead).WithName("ListMembershipPlans");
        admin.MapPost("/invitations", CreateInvitation).RequireAuthorization(Permissions.MembersWrite).WithName("CreateInvitation");
        admin.MapGet("/invitations/{code}", GetInvitation).RequireAuthorization(Permissions.MembersRead).WithName("GetInvitation");
        admin.MapGet("/members", ListMembers).RequireAuthorization(Permissions.MembersRead).WithName("ListMembers")
            .WithSummary("Members by status in the order they applied: ?status=applicant is the waitlist.");
        admin.MapPost("/members/{id:guid}/approve", Approve).RequireAuthorization(Permissions.MembersWrite).WithName("ApproveMember");
        admin.MapPost("/members/{id:guid}/reject", Reject).RequireAuthorization(Permissions.MembersWrite).WithName("RejectMember");
    }

    private static async Task<Created<RegisteredMemberResponse>> Register(RegisterMemberRequest request, Registration registration, TenantContext tenant,
        CancellationToken ct)
    {
        var member = await registration.RegisterAsync(request.Email, request.Password, request.Name.Trim(), request.InvitationCode, ct);
        var position = await registration.WaitlistPositionAsync(member, ct);
        return TypedResults.Created($"/api/v1/{tenant.Slug}/me/membership",
            new RegisteredMemberResponse(member.Id, new RegisteredMembership(member.Status, position)));
    }

    private static async Task<Ok<MembershipResponse>> GetMine(HttpContext http, Subscriptions subscriptions, Registration registration, CancellationToken ct)
    {
        var member = await subscriptions.FindAsync(http.Caller().AccountId, ct);
        return TypedResults.Ok(MembershipResponse.From(member, await registration.WaitlistPositionAsync(member, ct)));
    }

    private static async Task<Created<MembershipResponse>> Join(JoinRequest request, HttpContext http, Subscriptions subscriptions, TenantContext tenant,
        CancellationToken ct)
    {
        var member = await subscriptions.JoinAsync(http.Caller().AccountId, request.Plan, request.PaymentMethod.Token, ct);
        return TypedResults.Created($"/api/v1/{tenant.Slug}/me/membership", MembershipResponse.From(member));
    }

    private static async Task<Ok<MembershipResponse>> Cancel(HttpContext http, Subscriptions subscriptions, CancellationToken ct) =>
        TypedResults.Ok(MembershipResponse.From(await subscriptions.CancelAsync(http.Caller().AccountId, ct)));

    private static async Task<Ok<MembershipResponse>> ChangePaymentMethod(PaymentMethodBody request, HttpContext http, Subscriptions subscriptions,
        CancellationToken ct) =>
        TypedResults.Ok(MembershipResponse.From(await subscriptions.ChangePaymentMethodAsync(http.Caller().AccountId, request.Token, ct)));

    private static async Task<Created<PlanResponse>> CreatePlan(CreatePlanRequest request, Registration registration, TenantContext tenant, CancellationToken ct)
    {
        var plan = await registration.CreatePlanAsync(new MembershipPlan(tenant.Required, request.Code, request.Name.Trim(), request.Tier,
            request.TierRank ?? 1, request.Fee.ToMoney(), request.Interval!.Value), ct);
        return TypedResults.Created($"/api/v1/{tenant.Slug}/admin/membership-plans/{plan.Code}", PlanResponse.From(plan));
    }

    private static async Task<Ok<Page<PlanResponse>>> ListPlans(CommerceDb db, CancellationToken ct)
    {
        var plans = await db.Set<MembershipPlan>().AsNoTracking().OrderBy(p => p.Code).Take(Cursor.MaxLimit).ToListAsync(ct);
        return TypedResults.Ok(new Page<PlanResponse>(plans.Select(PlanResponse.From).ToList(), null));
    }

    private static async Task<Created<InvitationResponse>> CreateInvitation(CreateInvitationRequest request, Registration registration, TenantContext tenant,
        CancellationToken ct)
    {
        var invitation = await registration.CreateInvitationAsync(request.Code, request.MaxUses, request.ExpiresAt, ct);
        return TypedResults.Created($"/api/v1/{tenant.Slug}/admin/invitations/{invitation.Code}", InvitationResponse.From(invitation));
    }

    private static async Task<Ok<InvitationResponse>> GetInvitation(string code, CommerceDb db, CancellationToken ct)
    {
        var invitation = await db.Set<Invitation>().AsNoTracking().SingleOrDefaultAsync(i => i.Code == code, ct) ?? throw DomainException.NotFound("Invitation");
        return TypedResults.Ok(InvitationResponse.From(invitation));
    }

    private static async Task<Ok<Page<MemberResponse>>> ListMembers(string? status, int? limit, string? after, CommerceDb db, CancellationToken ct)
    {
        var take = Cursor.Limit(limit);
        var query = db.Set<Member>().AsNoTracking();
        if (status is { Length: > 0 })
        {
            if (!Enum.TryParse<MembershipStatus>(status.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var s) || !Enum.IsDefined(s))
            {
                throw DomainException.Validation("status", "status must be a membership status such as applicant or past_due.");
            }
            query = query.Where(m => m.Status == s);
        }
        if (Cursor.Decode(after) is { } from)
        {
            if (!long.TryParse(from, out var ticks)) throw DomainException.Validation("after", "The cursor is not valid.");
            var appliedAfter = new DateTimeOffset(ticks, TimeSpan.Zero);
            query = query.Where(m => m.AppliedAt > appliedAfter);
        }
        var rows = await query.OrderBy(m => m.AppliedAt).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.ToPage(rows, take, m => m.AppliedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), MemberResponse.From));
    }

    private static async Task<Ok<MemberResponse>> Approve(Guid id, Registration registration, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(MemberResponse.From(await registration.ApproveAsync(id, http.Request.IfMatch(), ct)));

    private static async Task<Ok<MemberResponse>> Reject(Guid id, Registration registration, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(MemberResponse.From(await registration.RejectAsync(id, http.Request.IfMatch(), ct)));
}
