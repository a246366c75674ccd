using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Maison.Server.Tests.Infrastructure;

/// <summary>A member's id (not the login's) and a fresh access token.</summary>
public sealed record TestMember(Guid Id, string Token, string Email);

/// <summary>
/// Real members of a tenant, arranged through the public API as a client would: a plan of the tier, an invitation,
/// registration, and joining with the sandbox card <c>tok_visa</c>.
/// </summary>
public static class MemberArrangements
{
    public const string Password = "member-password-1";

    /// <summary>An active member of <paramref name="tier"/> (a plan of its own, so tiers and ranks never clash); returns the token.</summary>
    public static async Task<string> ActiveMemberTokenAsync(this Api api, TestTenant tenant, string tier = "gold", int tierRank = 1) =>
        (await api.ActiveMemberAsync(tenant, tier, tierRank)).Token;

    /// <summary>An active member on a new plan of <paramref name="tier"/>; <paramref name="interval"/> is <c>year</c> or <c>month</c>.</summary>
    public static async Task<TestMember> ActiveMemberAsync(this Api api, TestTenant tenant, string tier = "gold", int tierRank = 1, string interval = "year")
    {
        var plan = await api.PlanAsync(tenant, tier, tierRank, interval);
        var member = await api.ApprovedMemberAsync(tenant);
        using var client = api.As(member.Token);
        var joined = await Expect.Status(await client.PostAsJsonAsync($"/api/v1/{tenant.Slug}/me/membership",
            new { plan, paymentMethod = new { token = "tok_visa" } }), HttpStatusCode.Created);
        Assert.Equal("active", joined["status"]!.GetValue<string>());
        return member;
    }

    /// <summary>A new membership plan of <paramref name="tier"/>; returns its code.</summary>
    public static async Task<string> PlanAsync(this Api api, TestTenant tenant, string tier, int tierRank = 1, string interval = "year")
    {
        var code = $"{tier}-{Guid.NewGuid().ToString("N")[..8]}";
        using var owner = api.As(tenant.OwnerToken);
        await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/membership-plans",
            new { code, name = tier, tier, tierRank, fee = new { currency = "GBP", amountMinor = 50_000 }, interval }), HttpStatusCode.Created);
        return code;
    }

    /// <summary>A member approved by an invitation of its own (no plan yet: no prices).</summary>
    public static async Task<TestMember> ApprovedMemberAsync(this Api api, TestTenant tenant)
    {
        var code = "inv-" + Guid.NewGuid().ToString("N")[..10];
        using (var owner = api.As(tenant.OwnerToken))
        {
            await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/invitations", new { code, maxUses = 1 }), HttpStatusCode.Created);
        }
        var body = await api.RegisterAsync(tenant, code);
        Assert.Equal("approved", body.Node["membership"]!["status"]!.GetValue<string>());
        return body.Member;
    }

    /// <summary>A member who applied without an invitation: an applicant.</summary>
    public static async Task<TestMember> ApplicantAsync(this Api api, TestTenant tenant)
    {
        var body = await api.RegisterAsync(tenant, null);
        Assert.Equal("applicant", body.Node["membership"]!["status"]!.GetValue<string>());
        return body.Member;
    }

    private static async Task<(JsonNode Node, TestMember Member)> RegisterAsync(this Api api, TestTenant tenant, string? invitationCode)
    {
        var email = $"m-{Guid.NewGuid():N}@{tenant.Slug}.test";
        using var anonymous = api.Anonymous();
        var body = await Expect.Status(await anonymous.PostAsJsonAsync($"/api/v1/{tenant.Slug}/members",
            new { email, password = Password, name = "Member " + email, invitationCode }), HttpStatusCode.Created);
        return (body, new TestMember(Guid.Parse(body["id"]!.GetValue<string>()), await api.TokenAsync(email, Password, tenant.Slug), email));
    }
}
