using System.Net;
using Hangfire;
using Hangfire.Storage;
using Maison.Commerce.Integrations.Webhooks;
using Maison.Commerce.Platform.Events;
using Maison.Server.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace Maison.Server.Tests.Events;

public sealed class JobsTests(EventServerFixture fixture) : IClassFixture<EventServerFixture>
{
    private MaisonServer Server => fixture.Server;

    [Fact]
    public async Task Every_declared_recurring_job_is_scheduled_and_runs_in_its_own_scope()
    {
        using (var connection = Server.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var scheduled = connection.GetRecurringJobs().Select(j => j.Id).ToList();
            Assert.Contains(TestJob.Name, scheduled);
            Assert.Contains("outbox-purge", scheduled);
        }
        var before = (await Effects.CountAsync(Server, TestJob.Scenario)).Rows;
        Server.Services.GetRequiredService<IRecurringJobManager>().Trigger(TestJob.Name);
        await Effects.WaitUntilAsync(async () => (await Effects.CountAsync(Server, TestJob.Scenario)).Rows > before, TimeSpan.FromSeconds(60),
            "the triggered job ran");
    }

    [Fact]
    public async Task The_jobs_dashboard_needs_an_operator()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Server.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/jobs?access_token=not-a-token")).StatusCode);

        var tenant = await fixture.Api.CreateTenantAsync();
        using var owner = fixture.Api.As(tenant.OwnerToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync("/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync($"/jobs?access_token={tenant.OwnerToken}")).StatusCode);

        var token = await fixture.Api.OperatorTokenAsync();
        using var op = fixture.Api.As(token);
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync("/jobs")).StatusCode);
    }

    [Fact]
    public async Task A_browser_opens_the_dashboard_with_the_operator_token_in_the_query_and_then_uses_a_cookie()
    {
        var token = await fixture.Api.OperatorTokenAsync();
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Server.BaseAddress };
        var first = await browser.GetAsync($"/jobs?access_token={token}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/jobs", cookie, StringComparison.OrdinalIgnoreCase);

        using var next = new HttpRequestMessage(HttpMethod.Get, "/jobs/recurring");
        next.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(next)).StatusCode);
    }

    [Fact]
    public async Task An_api_only_process_runs_no_background_work_and_a_worker_only_process_serves_no_api()
    {
        await using var api = await MaisonServer.StartAsync(settings: new Dictionary<string, string?> { ["Maison:Roles"] = "api" });
        var apiServices = api.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();
        Assert.DoesNotContain(typeof(OutboxRelay), apiServices);
        Assert.DoesNotContain(typeof(WebhookSender), apiServices);
        Assert.DoesNotContain(apiServices, t => t.FullName!.StartsWith("Hangfire", StringComparison.Ordinal));

        await using var worker = await MaisonServer.StartAsync(connectionString: api.ConnectionString,
            settings: new Dictionary<string, string?> { ["Maison:Roles"] = "worker" });
        var workerServices = worker.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();
        Assert.Contains(typeof(OutboxRelay), workerServices);
        Assert.Contains(typeof(WebhookSender), workerServices);
        Assert.Contains(workerServices, t => t.FullName!.StartsWith("Hangfire", StringComparison.Ordinal));
        using var client = worker.CreateClient(await new Api(api).OperatorTokenAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/platform/dead-letters")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/jobs")).StatusCode);
    }
}
