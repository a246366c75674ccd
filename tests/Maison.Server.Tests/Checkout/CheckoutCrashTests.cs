using System.Net;
using Maison.Commerce.Payments.Contracts;
using Maison.Commerce.Payments.Sandbox;
using Maison.Commerce.Platform;
using Maison.Server.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace Maison.Server.Tests.Checkout;

/// <summary>The process dies between the reservation and the authorization; a second server finishes the retry.</summary>
public sealed class CheckoutCrashTests
{
    [Fact]
    public async Task A_checkout_retried_with_the_same_key_after_the_process_died_before_authorizing_ends_with_one_order_one_authorization_and_no_stock_held()
    {
        await using var sandbox = await SandboxGatewayApp.StartAsync();
        var database = await CheckoutFixture.DatabaseAsync("crash");
        var stall = new StallingPayments();
        var first = await MaisonServer.StartAsync(connectionString: database,
            settings: new Dictionary<string, string?>(CheckoutFixture.Settings(sandbox)) { ["Maison:Idempotency:LeaseSeconds"] = "1" },
            configure: b =>
            {
                b.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
                // The composition registers IPayments after this runs; wrap it once the collection is final.
                b.Host.UseServiceProviderFactory(new DecoratingServiceProviderFactory(services => stall.WrapIn(services)));
            });
        var shop = new ShopApi(new Api(first));
        var tenant = await shop.OpenShopAsync();
        await shop.ProductAsync(tenant, "CRASH-1", 3, ("GBP", 31_400));
        var token = await shop.ActiveMemberAsync(tenant);
        stall.Armed = true;
        using (var member = first.CreateClient(token))
        {
            await Expect.Status(await ShopApi.AddAsync(member, tenant, "CRASH-1", 1), HttpStatusCode.OK);
            await Expect.Status(await ShopApi.CartAsync(member, tenant), HttpStatusCode.OK);
            var doomed = ShopApi.CheckoutAsync(member, tenant, "tok_visa", "crash-key");
            await stall.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            // The process "dies": the host stops with the request stuck after the reservation committed.
            try
            {
                await first.DisposeAsync();
            }
            catch (OperationCanceledException)
            {
                // Shutdown gave up waiting for the stuck request: that is the point.
            }
            await Assert.ThrowsAnyAsync<Exception>(() => doomed);
        }
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the dead process's idempotency claim lapses

        await using var second = await MaisonServer.StartAsync(connectionString: database, settings: CheckoutFixture.Settings(sandbox));
        var shop2 = new ShopApi(new Api(second));
        using var again = second.CreateClient(token);
        var order = await Expect.Status(await ShopApi.CheckoutAsync(again, tenant, "tok_visa", "crash-key"), HttpStatusCode.Created);

        Assert.Equal("confirmed", order["status"]!.GetValue<string>());
        var mine = await Expect.Status(await again.GetAsync($"/api/v1/{tenant.Slug}/me/orders"), HttpStatusCode.OK);
        Assert.Single(mine["items"]!.AsArray());
        Assert.Single(sandbox.Ledger.Authorizations.Values, a => a.Amount == 31_400);
        var level = await shop2.LevelAsync(tenant, "CRASH-1");
        Assert.Equal(2, level["onHand"]!.GetValue<int>());
        Assert.Equal(0, level["reserved"]!.GetValue<int>());
        stall.Dispose();
    }

    /// <summary>Payments whose authorization, once armed, never returns: the request hangs as if its process had died there.</summary>
    private sealed class StallingPayments : IDisposable
    {
        private readonly TaskCompletionSource _never = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public volatile bool Armed;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void WrapIn(IServiceCollection services)
        {
            var original = services.Last(d => d.ServiceType == typeof(IPayments));
            services.Remove(original);
            services.AddScoped<IPayments>(sp => new Stalling(this, Inner(sp, original)));
        }

        private static IPayments Inner(IServiceProvider sp, ServiceDescriptor d) =>
            d.ImplementationFactory is { } factory ? (IPayments)factory(sp) : (IPayments)ActivatorUtilities.CreateInstance(sp, d.ImplementationType!);

        public void Dispose() => _never.TrySetException(new OperationCanceledException("the test is over"));

        private sealed class Stalling(StallingPayments owner, IPayments inner) : IPayments
        {
            public async Task<PaymentView> AuthorizeAsync(string reference, Money amount, string token, CancellationToken ct)
            {
                if (!owner.Armed) return await inner.AuthorizeAsync(reference, amount, token, ct);
                owner.Entered.TrySetResult();
                await owner._never.Task;
                throw new InvalidOperationException("unreachable");
            }

            public Guid AddPending(string reference, Money amount, SqlBatch? batch = null) => inner.AddPending(reference, amount, batch);

            public async Task<PaymentView> AuthorizePendingAsync(string reference, Money amount, string token, CancellationToken ct)
            {
                if (!owner.Armed) return await inner.AuthorizePendingAsync(reference, amount, token, ct);
                owner.Entered.TrySetResult();
                await owner._never.Task;
                throw new InvalidOperationException("unreachable");
            }

            public async Task<PaymentView> AuthorizePendingAsync(string reference, Money amount, string token, SqlBatch? settleIn, CancellationToken ct)
            {
                if (!owner.Armed) return await inner.AuthorizePendingAsync(reference, amount, token, settleIn, ct);
                owner.Entered.TrySetResult();
                await owner._never.Task;
                throw new InvalidOperationException("unreachable");
            }

            public Task SaveDeferredAsync(CancellationToken ct) => inner.SaveDeferredAsync(ct);

            public Task<PaymentView> CaptureAsync(Guid paymentId, Money amount, CancellationToken ct) => inner.CaptureAsync(paymentId, amount, ct);
            public Task<PaymentView> VoidAsync(Guid paymentId, CancellationToken ct) => inner.VoidAsync(paymentId, ct);
            public Task<PaymentView> RefundAsync(Guid paymentId, Money amount, CancellationToken ct) => inner.RefundAsync(paymentId, amount, ct);
            public Task<PaymentView?> FindAsync(Guid paymentId, CancellationToken ct) => inner.FindAsync(paymentId, ct);
        }
    }

    private sealed class DecoratingServiceProviderFactory(Action<IServiceCollection> decorate) : IServiceProviderFactory<IServiceCollection>
    {
        public IServiceCollection CreateBuilder(IServiceCollection services)
        {
            decorate(services);
            return services;
        }

        public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) => containerBuilder.BuildServiceProvider();
    }
}
