using System.Net;
using System.Net.Http.Json;
using Maison.Commerce.Membership;
using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Events;
using Maison.Commerce.Tenancy.Contracts;
using Maison.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Maison.Server.Tests.Membership;

/// <summary>The lifecycle over time, on a server whose clock the test moves; the renewal job runs from the test's scope.</summary>
public sealed class RenewalTests : IAsyncLifetime
{
    // Whole seconds: SQLite keeps timestamps to the millisecond, PostgreSQL to the microsecond.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private MaisonServer _server = null!;

    private Api Api => new(_server);

    public async Task InitializeAsync() =>
        _server = await MaisonServer.StartAsync("renewal",
            settings: new Dictionary<string, string?> { ["Maison:Membership:RenewalLeadDays"] = "3", ["Maison:Membership:GraceDays"] = "7" },
            configure: b => b.Services.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_membership_renews_a_few_days_before_it_expires_with_the_stored_card()
    {
        var (tenant, member, expiresAt) = await ActiveMonthlyMemberAsync();

        _time.SetUtcNow(expiresAt - TimeSpan.FromDays(4));
        await RunJobAsync();
        Assert.Equal(expiresAt, (await Members.StoredAsync(tenant, member.Id)).ExpiresAt);

        _time.SetUtcNow(expiresAt - TimeSpan.FromDays(2));
        await RunJobAsync();
        await RunJobAsync();

        var renewed = await Members.StoredAsync(tenant, member.Id);
        Assert.Equal(MembershipStatus.Active, renewed.Status);
        Assert.Equal(expiresAt.AddMonths(1), renewed.ExpiresAt);
        Assert.Equal(2, renewed.Period);
        Assert.Contains("membership.renewed", await EventTypesAsync(tenant));
    }

    [Fact]
    public async Task A_failed_renewal_is_past_due_with_privileges_until_grace_ends_then_expires()
    {
        var (tenant, member, expiresAt) = await ActiveMonthlyMemberAsync();
        using (var client = Api.As(member.Token))
        {
            await Expect.Status(await client.PutAsJsonAsync($"/api/v1/{tenant.Slug}/me/membership/payment-method", new { token = "tok_declined" }), HttpStatusCode.OK);
        }

        _time.SetUtcNow(expiresAt - TimeSpan.FromDays(2));
        await RunJobAsync();
        var pastDue = await Members.StoredAsync(tenant, member.Id);
        Assert.Equal(MembershipStatus.PastDue, pastDue.Status);
        Assert.Equal(expiresAt + TimeSpan.FromDays(7), pastDue.GraceEndsAt);

        _time.SetUtcNow(expiresAt + TimeSpan.FromDays(6));
        Assert.True((await StandingAsync(tenant, member)).IsPrivileged);
        await RunJobAsync();
        Assert.Equal(MembershipStatus.PastDue, (await Members.StoredAsync(tenant, member.Id)).Status);

        _time.SetUtcNow(expiresAt + TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.False((await StandingAsync(tenant, member)).IsPrivileged);
        await RunJobAsync();

        Assert.Equal(MembershipStatus.Expired, (await Members.StoredAsync(tenant, member.Id)).Status);
        var events = await EventTypesAsync(tenant);
        Assert.Contains("membership.past_due", events);
        Assert.Contains("membership.expired", events);
    }

    [Fact]
    public async Task A_past_due_member_who_pays_again_is_active_for_the_period_that_was_due()
    {
        var (tenant, member, expiresAt) = await ActiveMonthlyMemberAsync();
        using var client = Api.As(member.Token);
        await Expect.Status(await client.PutAsJsonAsync($"/api/v1/{tenant.Slug}/me/membership/payment-method", new { token = "tok_insufficient_funds" }), HttpStatusCode.OK);
        _time.SetUtcNow(expiresAt - TimeSpan.FromDays(1));
        await RunJobAsync();
        Assert.Equal(MembershipStatus.PastDue, (await Members.StoredAsync(tenant, member.Id)).Status);

        var body = await Expect.Status(await MembershipApi.JoinAsync(client, tenant, "tok_visa", "gold-monthly"), HttpStatusCode.Created);

        Assert.Equal("active", body["status"]!.GetValue<string>());
        Assert.Equal(expiresAt.AddMonths(1), body["expiresAt"]!.GetValue<DateTimeOffset>());
    }

    private MembershipApi Members => new(Api);

    private async Task<(TestTenant Tenant, TestMember Member, DateTimeOffset ExpiresAt)> ActiveMonthlyMemberAsync()
    {
        var tenant = await Api.CreateTenantAsync();
        await Members.CreatePlanAsync(tenant, "gold-monthly", "gold", 5000, "month");
        var member = await Members.ApprovedMemberAsync(tenant);
        using var client = Api.As(member.Token);
        await Expect.Status(await MembershipApi.JoinAsync(client, tenant, "tok_visa", "gold-monthly"), HttpStatusCode.Created);
        var stored = await Members.StoredAsync(tenant, member.Id);
        Assert.Equal(_time.GetUtcNow().AddMonths(1), stored.ExpiresAt);
        return (tenant, member, stored.ExpiresAt!.Value);
    }

    private async Task RunJobAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MembershipRenewalJob>().RunAsync(default);
    }

    private async Task<MemberStanding> StandingAsync(TestTenant tenant, TestMember member)
    {
        var stored = await Members.StoredAsync(tenant, member.Id);
        await using var scope = await TenantScopeAsync(tenant);
        // A fresh scope and no cache hit: the standing is computed at the moved clock.
        scope.ServiceProvider.GetRequiredService<MembershipCheck>().Forget(stored.AccountId);
        return await scope.ServiceProvider.GetRequiredService<IMembershipCheck>().StandingAsync(stored.AccountId, default);
    }

    private async Task<List<string>> EventTypesAsync(TestTenant tenant)
    {
        await using var scope = await TenantScopeAsync(tenant);
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        var tenantId = db.CurrentTenantId;
        return await db.Set<OutboxMessage>().Where(m => m.TenantId == tenantId).Select(m => m.Type).ToListAsync();
    }

    private async Task<AsyncServiceScope> TenantScopeAsync(TestTenant tenant)
    {
        var scope = _server.Services.CreateAsyncScope();
        var info = await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().FindBySlugAsync(tenant.Slug, default);
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(info!.Id, info.Slug);
        return scope;
    }
}
