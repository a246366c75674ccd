using System.Net;
using System.Net.Http.Json;
using Maison.Commerce.Platform;
using Maison.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Maison.Server.Tests.Platform;

public sealed class IdempotencyCleanupTests
{
    [Fact]
    public async Task After_24_hours_a_key_is_forgotten_and_runs_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await MaisonServer.StartAsync("idem", configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var api = new Api(server);
        var tenant = await api.CreateTenantAsync();
        using var client = api.As(tenant.OwnerToken);
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Create() => new(HttpMethod.Post, $"/api/v1/{tenant.Slug}/admin/partners")
        {
            Content = JsonContent.Create(new { code = "late", name = "Late", kind = "logistics" }),
            Headers = { { "Idempotency-Key", key } },
        };

        await Expect.Status(await client.SendAsync(Create()), HttpStatusCode.Created);
        Assert.True((await client.SendAsync(Create())).Headers.Contains("Idempotent-Replayed"));

        clock.Advance(TimeSpan.FromHours(25));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdempotencyCleanupJob>().RunAsync(CancellationToken.None);
            var db = scope.ServiceProvider.GetRequiredService<Maison.Commerce.Persistence.CommerceDb>();
            Assert.Equal(0, await db.Set<IdempotencyRecord>().CountAsync(r => r.Key == key));
        }
        // Forgotten: the request runs again, and this time the partner code is taken.
        var again = await client.SendAsync(Create());
        await Expect.Problem(again, HttpStatusCode.Conflict, "code_taken");
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
    }
}
