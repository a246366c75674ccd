using System.Net;
using System.Net.Http.Json;
using Maison.Commerce.Payments.Sandbox;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Payments;

/// <summary>Captures and refunds of one payment serialise on its row: parallel requests never exceed its bounds.</summary>
public sealed class CaptureRefundConcurrencyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task Parallel_captures_and_refunds_of_one_payment_never_exceed_what_was_authorized_or_captured()
    {
        var tenant = await _api.CreateTenantAsync();
        using var finance = _api.As(await _api.StaffTokenAsync(tenant, "finance"));
        var payment = await Expect.Status(await finance.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/payments",
            new { amount = Gbp(10_000), token = "tok_visa" }), HttpStatusCode.Created);
        var id = payment["id"]!.GetValue<string>();
        Assert.Equal("authorized", payment["status"]!.GetValue<string>());

        var captures = await InParallelAsync(25, () => finance.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/payments/{id}/captures", new { amount = Gbp(1_000) }));
        Assert.Equal(10, captures.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(captures.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));

        var refunds = await InParallelAsync(25, () => finance.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/payments/{id}/refunds", new { amount = Gbp(700) }));
        Assert.Equal(14, refunds.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in refunds.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await Expect.Problem(refused, HttpStatusCode.Conflict, "amount_exceeds_balance");
        }

        var final = await Expect.Status(await finance.GetAsync($"/api/v1/{tenant.Slug}/admin/payments/{id}"), HttpStatusCode.OK);
        Assert.Equal(10_000, final["captured"]!["amountMinor"]!.GetValue<long>());
        Assert.Equal(9_800, final["refunded"]!["amountMinor"]!.GetValue<long>());
        Assert.Equal("partially_refunded", final["status"]!.GetValue<string>());

        // The gateway's books agree with ours: nothing was captured or refunded twice.
        var sandbox = _api.Server.Services.GetRequiredService<SandboxGatewayEndpoint>().Hosted!;
        var authorization = sandbox.Ledger.Authorizations.Values.Single(a => a.Amount == 10_000 && a.Captured == 10_000);
        Assert.Equal(9_800, authorization.Refunded);
    }

    [Fact]
    public async Task Mixed_parallel_captures_and_refunds_keep_refunded_within_captured()
    {
        var tenant = await _api.CreateTenantAsync();
        using var finance = _api.As(await _api.StaffTokenAsync(tenant, "finance"));
        var payment = await Expect.Status(await finance.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/payments",
            new { amount = Gbp(5_000), token = "tok_visa" }), HttpStatusCode.Created);
        var id = payment["id"]!.GetValue<string>();

        var start = new TaskCompletionSource();
        var work = Enumerable.Range(0, 30).Select(async i =>
        {
            await start.Task;
            return i % 2 == 0
                ? await finance.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/payments/{id}/captures", new { amount = Gbp(500) })
                : await finance.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/payments/{id}/refunds", new { amount = Gbp(400) });
        }).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(work);

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)r.StatusCode}"));
        var final = await Expect.Status(await finance.GetAsync($"/api/v1/{tenant.Slug}/admin/payments/{id}"), HttpStatusCode.OK);
        var captured = final["captured"]!["amountMinor"]!.GetValue<long>();
        var refunded = final["refunded"]!["amountMinor"]!.GetValue<long>();
        Assert.Equal(5_000, captured);
        Assert.InRange(refunded, 0, captured);
        Assert.Equal(refunded, 400 * responses.Where((r, i) => i % 2 == 1 && r.StatusCode == HttpStatusCode.OK).Count());
    }

    [Fact]
    public async Task Refunding_more_than_was_captured_is_refused_and_a_voided_payment_cannot_be_captured()
    {
        var tenant = await _api.CreateTenantAsync();
        using var finance = _api.As(await _api.StaffTokenAsync(tenant, "finance"));
        var first = await Expect.Status(await finance.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/payments", new { amount = Gbp(2_000), token = "tok_visa" }), HttpStatusCode.Created);
        var id = first["id"]!.GetValue<string>();
        await Expect.Problem(await finance.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/payments/{id}/refunds", new { amount = Gbp(1) }),
            HttpStatusCode.Conflict, "invalid_transition");

        var voided = await Expect.Status(await finance.PostAsync($"/api/v1/{tenant.Slug}/admin/payments/{id}/void", null), HttpStatusCode.OK);
        Assert.Equal("voided", voided["status"]!.GetValue<string>());
        await Expect.Problem(await finance.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/payments/{id}/captures", new { amount = Gbp(100) }),
            HttpStatusCode.Conflict, "invalid_transition");
    }

    [Fact]
    public async Task A_declined_card_is_402_with_the_decline_code()
    {
        var tenant = await _api.CreateTenantAsync();
        using var finance = _api.As(await _api.StaffTokenAsync(tenant, "finance"));
        var problem = await Expect.Problem(await finance.PostAsJsonAsync($"/api/v1/{tenant.Slug}/admin/payments",
            new { amount = Gbp(2_000), token = "tok_insufficient_funds" }), HttpStatusCode.PaymentRequired, "payment_declined");
        Assert.Equal("insufficient_funds", problem["declineCode"]!.GetValue<string>());
    }

    private static object Gbp(long minor) => new { currency = "GBP", amountMinor = minor };

    private static async Task<HttpResponseMessage[]> InParallelAsync(int count, Func<Task<HttpResponseMessage>> send)
    {
        var start = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, count).Select(async _ =>
        {
            await start.Task;
            return await send();
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }
}
