using System.Net;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Membership;

public sealed class JoinTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;
    private MembershipApi Members => new(_api);

    [Fact]
    public async Task Paying_the_plan_fee_activates_the_membership_with_its_tier_and_expiry()
    {
        var tenant = await _api.CreateTenantAsync();
        await Members.CreatePlanAsync(tenant);
        var member = await Members.ApprovedMemberAsync(tenant);
        using var client = _api.As(member.Token);

        var before = DateTimeOffset.UtcNow;
        var body = await Expect.Status(await MembershipApi.JoinAsync(client, tenant, "tok_visa"), HttpStatusCode.Created);

        Assert.Equal("active", body["status"]!.GetValue<string>());
        Assert.Equal("gold", body["tier"]!.GetValue<string>());
        var expiresAt = body["expiresAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(expiresAt, before.AddYears(1).AddMinutes(-1), DateTimeOffset.UtcNow.AddYears(1).AddMinutes(1));
        var mine = await Members.MineAsync(tenant, member.Token);
        Assert.Equal("active", mine["status"]!.GetValue<string>());
        Assert.DoesNotContain("tok_visa", mine.ToJsonString());
    }

    [Theory]
    [InlineData("tok_declined", "card_declined")]
    [InlineData("tok_insufficient_funds", "insufficient_funds")]
    [InlineData("tok_error", "processing_error")]
    public async Task A_declined_or_failing_payment_is_402_and_leaves_the_membership_as_it_was(string token, string declineCode)
    {
        var tenant = await _api.CreateTenantAsync();
        await Members.CreatePlanAsync(tenant);
        var member = await Members.ApprovedMemberAsync(tenant);
        using var client = _api.As(member.Token);

        var problem = await Expect.Problem(await MembershipApi.JoinAsync(client, tenant, token), HttpStatusCode.PaymentRequired, "payment_declined");
        Assert.Equal(declineCode, problem["declineCode"]!.GetValue<string>());

        var stored = await Members.StoredAsync(tenant, member.Id);
        Assert.Equal("Approved", stored.Status.ToString());
        Assert.Null(stored.ExpiresAt);
        Assert.Null(stored.PaymentToken);
        Assert.Equal(0, stored.Period);

        // A new card then works: the failed payment does not block the period.
        await Expect.Status(await MembershipApi.JoinAsync(client, tenant, "tok_visa"), HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_applicant_cannot_pay_before_being_approved()
    {
        var tenant = await _api.CreateTenantAsync();
        await Members.CreatePlanAsync(tenant);
        using var anonymous = _api.Anonymous();
        var email = $"early@{tenant.Slug}.test";
        await Expect.Status(await MembershipApi.RegisterAsync(anonymous, tenant, email, null), HttpStatusCode.Created);
        using var client = _api.As(await _api.TokenAsync(email, MembershipApi.Password, tenant.Slug));

        await Expect.Problem(await MembershipApi.JoinAsync(client, tenant, "tok_visa"), HttpStatusCode.Conflict, "invalid_transition");
    }

    [Fact]
    public async Task An_active_member_can_cancel_and_then_holds_no_privileges()
    {
        var tenant = await _api.CreateTenantAsync();
        await Members.CreatePlanAsync(tenant);
        var member = await Members.ApprovedMemberAsync(tenant);
        using var client = _api.As(member.Token);
        await Expect.Status(await MembershipApi.JoinAsync(client, tenant, "tok_visa"), HttpStatusCode.Created);

        var cancelled = await Expect.Status(await client.PostAsync($"/api/v1/{tenant.Slug}/me/membership/cancel", null), HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        await Expect.Problem(await client.PostAsync($"/api/v1/{tenant.Slug}/me/membership/cancel", null), HttpStatusCode.Conflict, "invalid_transition");
    }
}

public sealed class ActiveMemberPolicyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task The_active_member_policy_admits_a_paying_member_and_refuses_one_only_approved()
    {
        var members = Members;
        var tenant = await _api.CreateTenantAsync();
        await members.CreatePlanAsync(tenant);
        var paying = await members.ApprovedMemberAsync(tenant);
        var approved = await members.ApprovedMemberAsync(tenant);
        using (var client = _api.As(paying.Token))
        {
            await Expect.Status(await MembershipApi.JoinAsync(client, tenant, "tok_visa"), HttpStatusCode.Created);
        }

        Assert.True(await AuthorizeAsync(tenant, paying));
        Assert.False(await AuthorizeAsync(tenant, approved));
    }

    private async Task<bool> AuthorizeAsync(TestTenant tenant, TestMember member)
    {
        await using var scope = _api.Server.Services.CreateAsyncScope();
        var info = await scope.ServiceProvider.GetRequiredService<Commerce.Tenancy.Contracts.ITenantDirectory>().FindBySlugAsync(tenant.Slug, default);
        scope.ServiceProvider.GetRequiredService<Commerce.Platform.TenantContext>().Set(info!.Id, info.Slug);
        var stored = await Members.StoredAsync(tenant, member.Id);
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
        [
            new(Commerce.Tenancy.Contracts.MaisonClaims.Subject, stored.AccountId.ToString()),
            new(Commerce.Tenancy.Contracts.MaisonClaims.Kind, "member"),
            new(Commerce.Tenancy.Contracts.MaisonClaims.TenantId, info.Id.ToString()),
        ], "test"));
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = principal };
        var authorization = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>();
        return (await authorization.AuthorizeAsync(principal, http, Commerce.Membership.Contracts.MembershipPolicies.ActiveMember)).Succeeded;
    }

    private MembershipApi Members => new(_api);
}
