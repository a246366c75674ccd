using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maison.Commerce.Membership;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Tenancy.Contracts;
using Maison.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maison.Server.Tests.Membership;

/// <summary>Arranges plans, invitations and members through the public API.</summary>
public sealed class MembershipApi(Api api)
{
    public const string Password = MemberArrangements.Password;

    public async Task CreatePlanAsync(TestTenant tenant, string code = "gold-yearly", string tier = "gold", long feeMinor = 50000, string interval = "year")
    {
        using var owner = api.As(tenant.OwnerToken);
        await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/membership-plans",
            new { code, name = "Gold", tier, fee = new { currency = "GBP", amountMinor = feeMinor }, interval }), HttpStatusCode.Created);
    }

    public async Task CreateInvitationAsync(TestTenant tenant, string code, int maxUses)
    {
        using var owner = api.As(tenant.OwnerToken);
        await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/invitations", new { code, maxUses }), HttpStatusCode.Created);
    }

    public static Task<HttpResponseMessage> RegisterAsync(HttpClient client, TestTenant tenant, string email, string? invitationCode) =>
        client.PostAsJsonAsync($"/api/v1/{tenant.Slug}/members", new { email, password = Password, name = "Member " + email, invitationCode });

    /// <summary>Registers a member (approved with an invitation of its own) and signs them in.</summary>
    public Task<TestMember> ApprovedMemberAsync(TestTenant tenant) => api.ApprovedMemberAsync(tenant);

    public static Task<HttpResponseMessage> JoinAsync(HttpClient member, TestTenant tenant, string token, string plan = "gold-yearly", string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/{tenant.Slug}/me/membership")
        {
            Content = JsonContent.Create(new { plan, paymentMethod = new { token } }),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return member.SendAsync(request);
    }

    public async Task<JsonNode> MineAsync(TestTenant tenant, string token)
    {
        using var member = api.As(token);
        return await Expect.Status(await member.GetAsync($"/api/v1/{tenant.Slug}/me/membership"), HttpStatusCode.OK);
    }

    /// <summary>Reads the member as the module stores it (for assertions where time has moved past the tokens' life).</summary>
    public async Task<Member> StoredAsync(TestTenant tenant, Guid memberId)
    {
        await using var scope = api.Server.Services.CreateAsyncScope();
        var info = await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().FindBySlugAsync(tenant.Slug, default);
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(info!.Id, info.Slug);
        return await scope.ServiceProvider.GetRequiredService<CommerceDb>().Set<Member>().AsNoTracking().SingleAsync(m => m.Id == memberId);
    }
}
