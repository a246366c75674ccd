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
        var tally = new Tally();
        await tally.RunAsync(connections, duration, operation, maxOperations);
        return tally.Summary(scenario, @case, note);
    }

    /// <summary>
    /// Two cases measured against each other: <paramref name="segments"/> short segments each, in the order
    /// A B B A A B B A …, for <paramref name="duration"/> per case in all. Back to back, the second case ran on a machine
    /// that had moved meanwhile (on the shared two cores one case's rate moved by a third between runs); alternating, both
    /// see the same machine, and a linear drift falls on both halves alike. Also returns A/B (successes per second) for each
    /// pair of segments.
    /// </summary>
    public static async Task<(BenchResult A, BenchResult B, double[] Ratios)> AlternateAsync(string scenario, string caseA, string caseB,
        int connections, TimeSpan duration, int segments, Func<int, long, Task<bool>> a, Func<int, long, Task<bool>> b)
    {
        var (tallyA, tallyB) = (new Tally(), new Tally());
        var slice = duration / segments;
        var ratios = new double[segments];
        for (var i = 0; i < segments; i++)
        {
            var (beforeA, beforeB) = (tallyA.Snapshot(), tallyB.Snapshot());
            if (i % 2 == 0)
            {
                await tallyA.RunAsync(connections, slice, a);
                await tallyB.RunAsync(connections, slice, b);
            }
            else
            {
                await tallyB.RunAsync(connections, slice, b);
                await tallyA.RunAsync(connections, slice, a);
            }
            var (rateA, rateB) = (tallyA.SuccessRateSince(beforeA), tallyB.SuccessRateSince(beforeB));
            ratios[i] = rateB == 0 ? 0 : rateA / rateB;
        }
        return (tallyA.Summary(scenario, caseA), tallyB.Summary(scenario, caseB), ratios);
    }

    /// <summary>What one case has measured so far, over one or more runs: latencies, counts and time under load.</summary>
    private sealed class Tally
    {
        private readonly LongConcurrentHistogram _histogram = new(1, TimeStamp.Seconds(60), 3);
        private long _requests, _errors;
        private TimeSpan _elapsed;

        public (long Successes, TimeSpan Elapsed) Snapshot() => (_requests - _errors, _elapsed);

        public double SuccessRateSince((long Successes, TimeSpan Elapsed) before)
        {
            var seconds = (_elapsed - before.Elapsed).TotalSeconds;
            return seconds <= 0 ? 0 : (_requests - _errors - before.Successes) / seconds;
        }

        public async Task RunAsync(int connections, TimeSpan duration, Func<int, long, Task<bool>> operation, long? maxOperations = null)
        {
            long issued = 0;
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
                    _histogram.RecordValue(Math.Max(1, Stopwatch.GetTimestamp() - start));
                    Interlocked.Increment(ref _requests);
                    if (!ok) Interlocked.Increment(ref _errors);
                }
            })).ToArray();
            await Task.WhenAll(workers);
            _elapsed += clock.Elapsed;
        }

        public BenchResult Summary(string scenario, string @case, string note = "")
        {
            double Ms(double percentile) => _histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
            return new BenchResult(scenario, @case, _requests, _errors, _requests / _elapsed.TotalSeconds, Ms(50), Ms(95), Ms(99), note);
        }
    }
}
