using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maison.Commerce.Membership;
using Maison.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Maison.Server.Tests.Catalog;

/// <summary>
/// Who sees prices and drops, with real members of real tiers taken through their lifecycle: the server's clock is a
/// FakeTimeProvider and the membership renewal job runs from the test's scope, as the scheduler would run it.
/// </summary>
public sealed class MemberPriceVisibilityTests : IAsyncLifetime
{
    // Tokens are issued at the start and validated on the wall clock (15 minutes), so they outlive the moves of this clock.
    // Whole seconds: SQLite keeps timestamps to the millisecond, PostgreSQL to the microsecond.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private MaisonServer _server = null!;

    private Api Api => new(_server);

    public async Task InitializeAsync() =>
        _server = await MaisonServer.StartAsync("visibility",
            settings: new Dictionary<string, string?> { ["Maison:Membership:RenewalLeadDays"] = "3", ["Maison:Membership:GraceDays"] = "7" },
            configure: b => b.Services.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Prices_show_to_active_and_past_due_members_only_and_drops_open_by_tier()
    {
        var t0 = _time.GetUtcNow();
        var tenant = await Api.CreateTenantAsync();
        using (var staff = Api.As(tenant.OwnerToken))
        {
            await CatalogData.BrandAsync(staff, tenant.Slug, "maison-aurel");
            await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product("lune-bag", "maison-aurel", "Lune", "AUR-LUNE-BLK", 125_000));
            await CatalogData.ProductAsync(staff, tenant.Slug, CatalogData.Product("winter-coat", "maison-aurel", "Winter Coat", "AUR-COAT", 390_000));
            await Expect.Status(await staff.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/collections", new
            {
                slug = "winter-drop", name = "Winter drop", products = new[] { "winter-coat" },
                availableFrom = new Dictionary<string, DateTimeOffset> { ["gold"] = t0.AddDays(-1), ["silver"] = t0.AddDays(10), ["*"] = t0.AddDays(90) },
            }), HttpStatusCode.Created);
        }

        var applicant = await Api.ApplicantAsync(tenant);
        var gold = await Api.ActiveMemberAsync(tenant, "gold", tierRank: 2);
        var silver = await Api.ActiveMemberAsync(tenant, "silver", tierRank: 1);
        // Monthly members whose card will be declined at renewal: one to see past due, one to see expired.
        var pastDue = await DecliningMonthlyMemberAsync(tenant);
        var expired = await DecliningMonthlyMemberAsync(tenant);

        // Now: guests and applicants browse without prices; active members see them; only gold sees the drop yet.
        await SeesAsync(tenant, null, prices: false, drop: false);
        await SeesAsync(tenant, applicant.Token, prices: false, drop: false);
        await SeesAsync(tenant, gold.Token, prices: true, drop: true);
        await SeesAsync(tenant, silver.Token, prices: true, drop: false);

        // Two days before the monthly members' period ends their renewal is declined: past due, within grace.
        _time.SetUtcNow(t0.AddMonths(1).AddDays(-2));
        await RunRenewalJobAsync();
        await SeesAsync(tenant, pastDue.Token, prices: true, drop: true); // gold tier, still privileged
        await SeesAsync(tenant, silver.Token, prices: true, drop: true); // silver's opening has come

        // Grace over: expired, and no prices any more; the yearly members are untouched.
        _time.SetUtcNow(t0.AddMonths(1).AddDays(7).AddMinutes(1));
        await RunRenewalJobAsync();
        await SeesAsync(tenant, expired.Token, prices: false, drop: false);
        await SeesAsync(tenant, gold.Token, prices: true, drop: true);
        await SeesAsync(tenant, applicant.Token, prices: false, drop: false);
        using var guest = Api.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync($"/api/v1/{tenant.Slug}/products/winter-coat")).StatusCode);
    }

    private async Task<TestMember> DecliningMonthlyMemberAsync(TestTenant tenant)
    {
        var member = await Api.ActiveMemberAsync(tenant, "gold", tierRank: 2, interval: "month");
        using var client = Api.As(member.Token);
        await Expect.Status(await client.PutAsJsonAsync($"/api/v1/{tenant.Slug}/me/membership/payment-method", new { token = "tok_declined" }), HttpStatusCode.OK);
        return member;
    }

    /// <summary>Asserts what a caller (null: a guest) sees on the product page, in the listing, and of the drop.</summary>
    private async Task SeesAsync(TestTenant tenant, string? token, bool prices, bool drop)
    {
        using var client = token is null ? Api.Anonymous() : Api.As(token);
        var page = await Expect.Status(await client.GetAsync($"/api/v1/{tenant.Slug}/products/lune-bag"), HttpStatusCode.OK);
        Assert.Equal(prices, page["price"] is not null);
        Assert.Equal(prices, page["variants"]![0]!["price"] is not null);
        if (prices) Assert.Equal(125_000, page["price"]!["amountMinor"]!.GetValue<long>());

        JsonNode listing = await Expect.Status(await client.GetAsync($"/api/v1/{tenant.Slug}/products"), HttpStatusCode.OK);
        var items = listing["items"]!.AsArray();
        Assert.All(items, i => Assert.Equal(prices, i!["price"] is not null));
        Assert.Equal(drop, items.Any(i => i!["slug"]!.GetValue<string>() == "winter-coat"));
        Assert.Equal(drop ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/{tenant.Slug}/products/winter-coat")).StatusCode);
    }

    private async Task RunRenewalJobAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MembershipRenewalJob>().RunAsync(default);
    }
}
