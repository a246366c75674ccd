using Maison.Commerce.Platform;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Maison.Commerce.Inventory;

/// <summary>
/// Group commit for stand-alone one-line reservations on PostgreSQL (ADRs 0014 and 0016). Requests wait in a queue;
/// workers (threads of their own, one per two cores) each take everything that is waiting (up to <see cref="MaxBatch"/>)
/// and hold it with one statement (<see cref="BatchReserve"/>) on the worker's own connection (ADR 0024). An idle server adds no wait: a free worker takes a lone
/// request at once. Under load the batches grow by themselves while the workers are busy, so a hot SKU's row is
/// locked once per batch instead of once per request, and the database parses, plans, commits and answers once.
/// A request the batch did not hold, or a batch that failed, comes back as null and the caller takes the general path,
/// which decides what is short.
/// </summary>
internal sealed class ReservationBatcher : IAsyncDisposable
{
    public const int MaxBatch = 64;

    /// <summary>The workers' thread name and their connections' application name.</summary>
    public const string WorkerName = "maison-reserve";

    private static readonly Meter Meter = new("Maison");
    private static readonly Histogram<int> BatchSize =
        Meter.CreateHistogram<int>("maison.inventory.reservation_batch_size", description: "Reservations held by one statement.");

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger<ReservationBatcher> _logger;
    private readonly int _workers;
    private readonly int _nice;
    private readonly Lock _gate = new();
    private Task[]? _running;
    private string? _connectionString;

    public ReservationBatcher(IConfiguration configuration, ILogger<ReservationBatcher> logger)
    {
        _logger = logger;
        // Each worker holds one connection while its statement runs, and the requests that arrive meanwhile make the next
        // batch. More workers only split the same requests into smaller batches, each paying the statement's fixed cost
        // (measured on 2 cores, CPU per reservation: 2 workers 193 µs, batches of 17; 1 worker 154 µs, batches of 27).
        // One worker per two cores.
        _workers = Math.Clamp(configuration.GetValue("Maison:Inventory:ReservationBatchWorkers", Math.Max(1, Environment.ProcessorCount / 2)), 1, 64);
        // Its Linux nice value (ADR 0024, RaisePriority); 0 leaves it as the request threads are.
        _nice = Math.Clamp(configuration.GetValue("Maison:Inventory:ReservationBatchNice", -10), -20, 19);
    }

    /// <summary>The held reservation, or null when the caller must take the general path.</summary>
    public async Task<SingleStatementReserve.Held?> ReserveAsync(string connectionString, BatchReserve.Request request, CancellationToken ct)
    {
        EnsureStarted(connectionString);
        var pending = new Pending(request, new TaskCompletionSource<SingleStatementReserve.Held?>(TaskCreationOptions.RunContinuationsAsynchronously), ct);
        if (!_queue.Writer.TryWrite(pending)) return null; // stopping: the general path still answers
        // The request's own cancellation does not abandon a batch that may already hold it: the answer is awaited.
        return await pending.Result.Task;
    }

    private void EnsureStarted(string connectionString)
    {
        if (_running is not null) return;
        lock (_gate)
        {
            if (_running is not null) return;
            // Each worker keeps a connection of its own, outside the pool (ADR 0024), for as long as it runs; named, so
            // that pg_stat_activity shows which backend the batches run in.
            _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = WorkerName }.ConnectionString;
            _running = Enumerable.Range(0, _workers).Select(i =>
            {
                var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                // A thread of its own that blocks on the database: when the answer comes, this thread is woken, instead of
                // the worker's continuation queueing behind every request waiting in the thread pool. Under load that
                // queueing took longer than the statement, and the one worker is the pace of every batch.
                new Thread(() => Work(exited)) { IsBackground = true, Name = $"{WorkerName}-{i}" }.Start();
                return exited.Task;
            }).ToArray();
        }
    }

    /// <summary>
    /// The worker's loop (ADR 0024): everything on it is time the database waits. It keeps one connection, so every batch
    /// runs in the same warm backend with its statement prepared once (the pool hands out its idle connections in turn),
    /// and it hands each answered batch to the thread pool to wake its requests, taking the next batch at once.
    /// </summary>
    private void Work(TaskCompletionSource exited)
    {
        RaisePriority();
        var batch = new List<Pending>(MaxBatch);
        var reader = _queue.Reader;
        NpgsqlConnection? connection = null;
        try
        {
            while (reader.TryPeek(out _) || reader.WaitToReadAsync(_stopping.Token).AsTask().GetAwaiter().GetResult())
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var pending))
                {
                    if (pending.Cancellation.IsCancellationRequested) pending.Result.TrySetCanceled(pending.Cancellation);
                    else batch.Add(pending);
                }
                if (batch.Count == 0) continue;
                var answered = new Answered(batch.ToArray(), Run(batch, ref connection));
                batch.Clear();
                ThreadPool.UnsafeQueueUserWorkItem(static a => a.Wake(), answered, preferLocal: false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var pending in batch) pending.Result.TrySetResult(null);
            connection?.Dispose();
            exited.TrySetResult();
        }
    }

    /// <summary>
    /// The worker is the one path every queued request goes through: while it waits for a core behind the request
    /// threads, the database has nothing to run and the requests queue. A raised priority lets the kernel run it as soon
    /// as its answer arrives; it blocks on the database most of the time, so it takes little from the others.
    /// </summary>
    private void RaisePriority()
    {
        if (_nice == 0) return;
        if (!ThreadNice.TrySet(_nice, out var refusal))
        {
            _logger.LogInformation("The reservation batch worker keeps the default priority: nice {Nice} was refused ({Reason}); " +
                "grant CAP_SYS_NICE, or set Maison:Inventory:ReservationBatchNice to 0", _nice, refusal);
        }
    }

    /// <summary>What the batch held, or nothing (every request takes the general path) when it failed.</summary>
    private SingleStatementReserve.Held?[] Run(List<Pending> batch, ref NpgsqlConnection? connection)
    {
        try
        {
            if (connection is { State: not System.Data.ConnectionState.Open })
            {
                connection.Dispose(); // broken since the last batch (a restarted server, a killed backend)
                connection = null;
            }
            if (connection is null)
            {
                connection = new NpgsqlConnection(_connectionString);
                connection.Open();
            }
            return BatchReserve.Run(connection, batch.Select(p => p.Request).ToList());
        }
        catch (Exception e)
        {
            // Nothing of a failed statement was committed; each request goes the general way, which reports its own errors.
            // The connection may be what failed: the next batch opens another.
            _logger.LogWarning(e, "A batch of {Count} reservations failed; each takes the general path", batch.Count);
            connection?.Dispose();
            connection = null;
            return new SingleStatementReserve.Held?[batch.Count];
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        if (_running is { } running) await Task.WhenAll(running);
        while (_queue.Reader.TryRead(out var pending)) pending.Result.TrySetResult(null);
        _stopping.Dispose();
    }

    /// <summary>A batch and its answers, for a pool thread to hand each request its own.</summary>
    private sealed record Answered(Pending[] Batch, SingleStatementReserve.Held?[] Held)
    {
        public void Wake()
        {
            for (var i = 0; i < Batch.Length; i++) Batch[i].Result.TrySetResult(Held[i]);
            BatchSize.Record(Batch.Length);
        }
    }

    private sealed record Pending(BatchReserve.Request Request, TaskCompletionSource<SingleStatementReserve.Held?> Result, CancellationToken Cancellation);
}
