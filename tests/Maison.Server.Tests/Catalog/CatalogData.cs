using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maison.Commerce.Membership.Contracts;
using Maison.Commerce.Tenancy.Contracts;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Catalog;

/// <summary>Arranges catalogue data through the admin API.</summary>
public static class CatalogData
{
    public static async Task BrandAsync(HttpClient staff, string tenant, string slug, string? name = null) =>
        await Expect.Status(await staff.PostAsJsonAsync($"/api/v1/{tenant}/admin/brands", new { slug, name = name ?? slug }), HttpStatusCode.Created);

    public static object Product(string slug, string brand, string title, string sku, long gbp, string status = "active",
        string? description = null, string[]? categories = null, object? options = null, long? jpy = null) =>
        new
        {
            slug, title, brand, description, status,
            categories = categories ?? new[] { "bags" },
            variants = new[]
            {
                new
                {
                    sku,
                    options = options ?? new { colour = "black" },
                    prices = jpy is null
                        ? new object[] { new { currency = "GBP", amountMinor = gbp } }
                        : new object[] { new { currency = "GBP", amountMinor = gbp }, new { currency = "JPY", amountMinor = jpy } },
                },
            },
        };

    public static async Task<JsonNode> ProductAsync(HttpClient staff, string tenant, object product) =>
        await Expect.Status(await staff.PostAsJsonAsync($"/api/v1/{tenant}/admin/products", product), HttpStatusCode.Created);

    /// <summary>A member login of the tenant (created behind the API: the membership module is not composed yet).</summary>
    public static async Task<(Guid AccountId, string Token)> MemberAsync(Api api, string tenant)
    {
        await using var scope = api.Server.Services.CreateAsyncScope();
        var info = await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().FindBySlugAsync(tenant, default);
        var email = $"member-{Guid.NewGuid():N}@{tenant}.test";
        var id = await scope.ServiceProvider.GetRequiredService<IAccountRegistry>().CreateMemberAccountAsync(info!.Id, email, "member-password-1", "Member", default);
        return (id, await api.TokenAsync(email, "member-password-1", tenant));
    }
}

/// <summary>
/// Stands in for the membership module in these tests: members are active (gold) unless a test says otherwise.
/// Registered before the modules, so the catalogue's TryAdd fallback stays out.
/// </summary>
public sealed class FakeMemberships : IMembershipCheck
{
    public static readonly Dictionary<Guid, MemberStanding> Standings = new();

    public ValueTask<MemberStanding> StandingAsync(Guid accountId, CancellationToken ct)
    {
        lock (Standings)
        {
            return ValueTask.FromResult(Standings.TryGetValue(accountId, out var s) ? s : new MemberStanding(accountId, MembershipStatus.Active, "gold", 2, true));
        }
    }

    public static void Set(Guid accountId, MemberStanding standing)
    {
        lock (Standings) Standings[accountId] = standing;
    }

    public static Task<MaisonServer> StartServerAsync(string? connectionString = null, IDictionary<string, string?>? settings = null) =>
        MaisonServer.StartAsync("cat", connectionString, settings, b => b.Services.AddScoped<IMembershipCheck, FakeMemberships>());
}

/// <summary>One server per test class whose members see prices (see <see cref="FakeMemberships"/>).</summary>
public sealed class MemberServerFixture : IAsyncLifetime
{
    private MaisonServer? _server;

    public Api Api => new(_server ?? throw new InvalidOperationException("The server has not started."));

    public async Task InitializeAsync() => _server = await FakeMemberships.StartServerAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
