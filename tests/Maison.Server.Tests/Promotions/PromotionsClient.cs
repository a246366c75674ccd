using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Promotions.Contracts;
using Maison.Commerce.Tenancy.Contracts;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Promotions;

/// <summary>
/// Staff set promotions and shipping up over HTTP; Cart and Checkout (another module) use them through
/// <see cref="IPromotions"/> and <see cref="IShippingRates"/>, so the tests call those the same way: each call in its
/// own DI scope (its own CommerceDb and connection) against the server's real database.
/// </summary>
public sealed class PromotionsClient(Api api, TestTenant tenant) : IDisposable
{
    private readonly HttpClient _staff = api.As(tenant.OwnerToken);

    public HttpClient Staff => _staff;

    public string Admin => $"/api/v1/{tenant.Slug}/admin";

    public Task<HttpResponseMessage> PostPromotionAsync(object body) => _staff.PostAsJsonAsync($"{Admin}/promotions", body);

    public async Task<JsonNode> CreateAsync(object body) => await Expect.Status(await PostPromotionAsync(body), HttpStatusCode.Created);

    public async Task<JsonNode> GetAsync(string code) => await Expect.Status(await _staff.GetAsync($"{Admin}/promotions/{code}"), HttpStatusCode.OK);

    public async Task<Guid> IdAsync(string code) => (await GetAsync(code))["id"]!.GetValue<Guid>();

    public Task<HttpResponseMessage> PostShippingAsync(object body) => _staff.PostAsJsonAsync($"{Admin}/shipping-methods", body);

    /// <summary>Runs <paramref name="use"/> in a fresh DI scope of the server, acting for this tenant.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = api.Server.Services.CreateAsyncScope();
        var info = await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().FindBySlugAsync(tenant.Slug, default);
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(info!.Id, info.Slug);
        return await use(scope.ServiceProvider);
    }

    public Task<DiscountQuote> QuoteAsync(string? code, IReadOnlyList<PromotionLine> lines, Guid? member = null, string? tier = null) =>
        InScopeAsync(sp => sp.GetRequiredService<IPromotions>().QuoteAsync(code, member ?? Guid.NewGuid(), tier, lines, default));

    public Task<bool> RedeemAsync(IReadOnlyList<AppliedPromotion> applied, Guid member, Guid order) =>
        InScopeAsync(sp => sp.GetRequiredService<IPromotions>().TryRedeemAsync(applied, member, order, default));

    public Task<bool> ReleaseAsync(Guid order) =>
        InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IPromotions>().ReleaseAsync(order, default);
            return true;
        });

    public Task<Money> ShippingAsync(string method, Money subtotal) =>
        InScopeAsync(sp => sp.GetRequiredService<IShippingRates>().QuoteAsync(method, subtotal, default));

    /// <summary>The usage-limit counter itself (the admin API shows redemptions; this is the guarded column).</summary>
    public Task<int> CountedUsesAsync(Guid promotionId) =>
        InScopeAsync(async sp => (await sp.GetRequiredService<CommerceDb>().Set<Maison.Commerce.Promotions.Promotion>()
            .FindAsync(promotionId))!.Uses);

    public static PromotionLine Line(string sku, long amountMinor, string currency = "GBP", string brand = "maison-aurel", params string[] categories) =>
        new(sku, brand, categories, Money.Of(amountMinor, currency));

    /// <summary>Releases <paramref name="count"/> tasks at once and waits for all of them.</summary>
    public static async Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> run)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await run(i);
        })).ToList();
        start.Release(count);
        return await Task.WhenAll(tasks);
    }

    public void Dispose() => _staff.Dispose();
}
