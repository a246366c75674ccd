using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Maison.Commerce.Platform.Jobs;

/// <summary>
/// A worker-role loop over a table of claimable work (outbox, webhook deliveries): it drains while batches come back
/// non-empty, waits <see cref="Poll"/> when idle, and survives a failed batch (logged, retried after the interval).
/// </summary>
public abstract class PollingWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The clock, for derived workers (claims, leases, backoff).</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>How long to wait when the last batch was empty or failed.</summary>
    protected abstract TimeSpan Poll { get; }

    /// <summary>Claims and processes one batch; returns how many items it claimed.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "{Worker} failed; it tries again after the poll interval", GetType().Name);
            }
            if (claimed > 0) continue;
            try
            {
                await Task.Delay(Poll, Time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
