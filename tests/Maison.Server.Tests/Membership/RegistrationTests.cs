using System.Net;
using System.Net.Http.Json;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Membership;

public sealed class RegistrationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;
    private MembershipApi Members => new(_api);

    [Fact]
    public async Task Hundred_concurrent_registrations_with_an_invitation_of_ten_uses_approve_exactly_ten()
    {
        var tenant = await _api.CreateTenantAsync();
        await Members.CreateInvitationAsync(tenant, "spring-soiree", 10);
        using var client = _api.Anonymous();
        var start = new TaskCompletionSource();
        var registrations = Enumerable.Range(0, 100).Select(async i =>
        {
            await start.Task;
            return await MembershipApi.RegisterAsync(client, tenant, $"guest{i}@{tenant.Slug}.test", "spring-soiree");
        }).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(registrations);

        var statuses = new List<string>();
        foreach (var response in responses)
        {
            statuses.Add((await Expect.Status(response, HttpStatusCode.Created))["membership"]!["status"]!.GetValue<string>());
        }
        Assert.Equal(10, statuses.Count(s => s == "approved"));
        Assert.Equal(90, statuses.Count(s => s == "applicant"));
        using var owner = _api.As(tenant.OwnerToken);
        var invitation = await Expect.Status(await owner.GetAsync($"/api/v1/{tenant.Slug}/admin/invitations/spring-soiree"), HttpStatusCode.OK);
        Assert.Equal(10, invitation["uses"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_registration_that_fails_gives_its_invitation_use_back()
    {
        var tenant = await _api.CreateTenantAsync();
        await Members.CreateInvitationAsync(tenant, "single", 1);
        using var client = _api.Anonymous();
        var email = $"taken@{tenant.Slug}.test";
        await Expect.Status(await MembershipApi.RegisterAsync(client, tenant, email, null), HttpStatusCode.Created);

        await Expect.Problem(await MembershipApi.RegisterAsync(client, tenant, email, "single"), HttpStatusCode.Conflict, "email_taken");

        var other = await Expect.Status(await MembershipApi.RegisterAsync(client, tenant, $"other@{tenant.Slug}.test", "single"), HttpStatusCode.Created);
        Assert.Equal("approved", other["membership"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Applicants_wait_in_the_order_they_applied_until_staff_approve_them()
    {
        var tenant = await _api.CreateTenantAsync();
        using var client = _api.Anonymous();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var body = await Expect.Status(await MembershipApi.RegisterAsync(client, tenant, $"wait{i}@{tenant.Slug}.test", null), HttpStatusCode.Created);
            Assert.Equal("applicant", body["membership"]!["status"]!.GetValue<string>());
            Assert.Equal(i + 1, body["membership"]!["waitlistPosition"]!.GetValue<int>());
            ids.Add(body["id"]!.GetValue<string>());
        }

        using var support = _api.As(await _api.StaffTokenAsync(tenant, "support"));
        var approved = await Expect.Status(await support.PostAsync($"/api/v1/{tenant.Slug}/admin/members/{ids[0]}/approve", null), HttpStatusCode.OK);
        Assert.Equal("approved", approved["status"]!.GetValue<string>());
        await Expect.Status(await support.PostAsync($"/api/v1/{tenant.Slug}/admin/members/{ids[1]}/reject", null), HttpStatusCode.OK);

        var third = await Members.MineAsync(tenant, await _api.TokenAsync($"wait2@{tenant.Slug}.test", MembershipApi.Password, tenant.Slug));
        Assert.Equal("applicant", third["status"]!.GetValue<string>());
        Assert.Equal(1, third["waitlistPosition"]!.GetValue<int>());
        var waitlist = await Expect.Status(await support.GetAsync($"/api/v1/{tenant.Slug}/admin/members?status=applicant"), HttpStatusCode.OK);
        Assert.Equal(ids[2], Assert.Single(waitlist["items"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Approving_someone_already_approved_is_an_invalid_transition()
    {
        var tenant = await _api.CreateTenantAsync();
        var member = await Members.ApprovedMemberAsync(tenant);
        using var owner = _api.As(tenant.OwnerToken);
        await Expect.Problem(await owner.PostAsync($"/api/v1/{tenant.Slug}/admin/members/{member.Id}/approve", null), HttpStatusCode.Conflict, "invalid_transition");
    }

    [Fact]
    public async Task An_expired_or_unknown_invitation_code_leaves_the_registrant_an_applicant()
    {
        var tenant = await _api.CreateTenantAsync();
        using var owner = _api.As(tenant.OwnerToken);
        await Expect.Status(await owner.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/invitations",
            new { code = "last-season", maxUses = 5, expiresAt = DateTimeOffset.UtcNow.AddDays(-1) }), HttpStatusCode.Created);
        using var client = _api.Anonymous();
        foreach (var code in new[] { "last-season", "no-such-code" })
        {
            var body = await Expect.Status(await MembershipApi.RegisterAsync(client, tenant, $"{code}@{tenant.Slug}.test", code), HttpStatusCode.Created);
            Assert.Equal("applicant", body["membership"]!["status"]!.GetValue<string>());
        }
    }
}
