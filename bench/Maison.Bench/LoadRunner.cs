using System.Diagnostics;
using HdrHistogram;

namespace Maison.Bench;

/// <summary>One row of the results table.</summary>
public sealed record BenchResult(string Scenario, string Case, long Requests, long Errors, double PerSecond, double P50Ms, double P95Ms, double P99Ms, string Note = "")
{
    public bool Failed => Requests == 0;
}

/// <summary>
/// A closed-loop load: <c>connections</c> workers each send the next request as soon as the last answered, for a
/// fixed time (or count), recording latencies in an HDR histogram. Bounded in time and count, loopback only.
/// </summary>
public static class LoadRunner
{
    public static HttpClient Client(Uri baseAddress, int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // A load generator, not a browser: no cookie jar, no proxy lookup, no redirects to follow.
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Runs <paramref name="operation"/> (true = success) in a closed loop and summarises it.</summary>
    public static async Task<BenchResult> RunAsync(string scenario, string @case, int connections, TimeSpan duration,
        Func<int, long, Task<bool>> operation, long? maxOperations = null, string note = "")
    {
        var histogram = new LongConcurrentHistogram(1, TimeStamp.Seconds(60), 3);
        long requests = 0, errors = 0, issued = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref issued);
                if (maxOperations is { } max && n > max) break;
                var start = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await operation(worker, n);
                }
                catch (Exception) when (clock.Elapsed < duration + TimeSpan.FromSeconds(30))
                {
                    ok = false;
                }
                histogram.RecordValue(Math.Max(1, Stopwatch.GetTimestamp() - start));
                Interlocked.Increment(ref requests);
                if (!ok) Interlocked.Increment(ref errors);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds;
        double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
        return new BenchResult(scenario, @case, requests, errors, requests / elapsed, Ms(50), Ms(95), Ms(99), note);
    }
}
