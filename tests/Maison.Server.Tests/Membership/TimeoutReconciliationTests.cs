using System.Net;
using Maison.Commerce.Payments;
using Maison.Commerce.Payments.Sandbox;
using Maison.Server.Tests.Infrastructure;

namespace Maison.Server.Tests.Membership;

/// <summary>tok_timeout: the sandbox authorizes and drops the answer; reconciliation must settle it without a second charge.</summary>
public sealed class TimeoutReconciliationTests
{
    [Fact]
    public async Task A_lost_authorization_is_reconciled_and_the_retry_with_the_same_key_sees_the_active_membership()
    {
        // The sandbox runs on its own here, as the sandbox-gateway command would, so the test can read its books.
        await using var sandbox = await SandboxGatewayApp.StartAsync();
        await using var server = await MaisonServer.StartAsync("timeout", settings: new Dictionary<string, string?>
        {
            [SandboxGatewayEndpoint.UrlKey] = sandbox.BaseAddress.ToString(),
        });
        var api = new Api(server);
        var members = new MembershipApi(api);
        var tenant = await api.CreateTenantAsync();
        await members.CreatePlanAsync(tenant);
        var member = await members.ApprovedMemberAsync(tenant);
        using var client = api.As(member.Token);
        var key = "join-" + Guid.NewGuid();

        await Expect.Problem(await MembershipApi.JoinAsync(client, tenant, "tok_timeout", idempotencyKey: key), HttpStatusCode.ServiceUnavailable, "payment_pending");
        Assert.Equal("Approved", (await members.StoredAsync(tenant, member.Id)).Status.ToString());

        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PaymentReconciliationJob>().RunAsync(default);
        }
        var retried = await MembershipApi.JoinAsync(client, tenant, "tok_timeout", idempotencyKey: key);

        var body = await Expect.Status(retried, HttpStatusCode.Created);
        Assert.Equal("active", body["status"]!.GetValue<string>());
        var authorization = Assert.Single(sandbox.Ledger.Authorizations.Values);
        Assert.Equal("tok_timeout", authorization.Token);
        Assert.Equal(authorization.Amount, authorization.Captured);
        var replay = await MembershipApi.JoinAsync(client, tenant, "tok_timeout", idempotencyKey: key);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Single(sandbox.Ledger.Authorizations.Values);
    }
}
