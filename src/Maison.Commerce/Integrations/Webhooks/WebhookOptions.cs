using Microsoft.Extensions.Configuration;

namespace Maison.Commerce.Integrations.Webhooks;

/// <summary><c>Maison:Webhooks:*</c>: how often the sender polls, how hard it retries, how long it waits for an answer.</summary>
public sealed record WebhookOptions
{
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; init; } = 50;

    public int Concurrency { get; init; } = 8;

    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    public int MaxAttempts { get; init; } = 8;

    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryMax { get; init; } = TimeSpan.FromHours(2);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public static WebhookOptions From(IConfiguration configuration)
    {
        var s = configuration.GetSection("Maison:Webhooks");
        var d = new WebhookOptions();
        return new WebhookOptions
        {
            Poll = TimeSpan.FromMilliseconds(s.GetValue("PollMilliseconds", d.Poll.TotalMilliseconds)),
            BatchSize = s.GetValue("BatchSize", d.BatchSize),
            Concurrency = s.GetValue("Concurrency", d.Concurrency),
            Lease = TimeSpan.FromMilliseconds(s.GetValue("LeaseMilliseconds", d.Lease.TotalMilliseconds)),
            MaxAttempts = s.GetValue("MaxAttempts", d.MaxAttempts),
            RetryBase = TimeSpan.FromMilliseconds(s.GetValue("RetryBaseMilliseconds", d.RetryBase.TotalMilliseconds)),
            RetryMax = TimeSpan.FromMilliseconds(s.GetValue("RetryMaxMilliseconds", d.RetryMax.TotalMilliseconds)),
            Timeout = TimeSpan.FromMilliseconds(s.GetValue("TimeoutMilliseconds", d.Timeout.TotalMilliseconds)),
        };
    }
}
