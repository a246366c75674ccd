using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Maison.Commerce.Catalog.Caching;

/// <summary>
/// Several instances share the version through Redis without a round trip per read (ADR 0009). The Redis key is the
/// truth (<c>INCR</c> on every change); each instance keeps the versions it has seen in memory and learns of every
/// bump by pub/sub. A bump waits until every subscribed instance has acknowledged it, so when the request that
/// changed the catalogue answers, every live instance already serves the new version on its next read. While this
/// instance's subscription is down (or not yet proven), it reads the key per request, as before.
/// While Redis cannot be reached at all, the version is this instance's own and moves every outage window
/// (<see cref="OutageVersion"/>, ADR 0027): the storefront keeps answering from this instance's memory and the database,
/// and a change made through another instance shows within one window.
/// </summary>
internal sealed class RedisCatalogVersions : ICatalogVersions
{
    private static readonly RedisChannel Bumps = RedisChannel.Literal("maison:catalog:version-bumps");
    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(2);

    /// <summary>A version learnt more than this long ago is read again: bounds the damage of a subscription that died unnoticed.</summary>
    private static readonly long RecheckTicks = TimeSpan.FromSeconds(5).Ticks;

    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<RedisCatalogVersions> _logger;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly RedisChannel _acks;
    private readonly ConcurrentDictionary<Guid, Known> _known = new();
    private readonly ConcurrentDictionary<string, PendingBump> _pending = new(StringComparer.Ordinal);
    private readonly Lazy<Task> _subscription;
    private volatile bool _live;
    private int _epoch;

    private readonly long _outageWindowMs;
    private int _outageLogged;

    public RedisCatalogVersions(IConnectionMultiplexer redis, ILogger<RedisCatalogVersions> logger, TimeSpan outageWindow)
    {
        _redis = redis;
        _logger = logger;
        // At least a second: the window's number then stays far below the versions Redis hands out (milliseconds).
        _outageWindowMs = Math.Max(1_000, (long)outageWindow.TotalMilliseconds);
        _acks = RedisChannel.Literal($"maison:catalog:version-acks:{_instance}");
        _subscription = new Lazy<Task>(SubscribeAsync);
        // Any connection, not only the subscription one: with RESP3 the subscription shares the interactive connection.
        redis.ConnectionFailed += (_, _) => GoStale();
        redis.ConnectionRestored += (_, _) => _ = ProveAsync();
    }

    public async ValueTask<long> CurrentAsync(Guid tenantId)
    {
        if (_live && _known.TryGetValue(tenantId, out var known) && Environment.TickCount64 * TimeSpan.TicksPerMillisecond - known.At < RecheckTicks)
        {
            return known.Version;
        }
        if (!_redis.IsConnected) return OutageVersion(null);
        try
        {
            if (!_subscription.IsValueCreated || !_subscription.Value.IsCompleted) await EnsureSubscribedAsync();
            var epoch = Volatile.Read(ref _epoch);
            var version = await ReadAsync(tenantId);
            // Only a subscription that was live before the read and still is guarantees that no later bump was missed.
            if (_live && Volatile.Read(ref _epoch) == epoch) Learn(tenantId, version);
            Volatile.Write(ref _outageLogged, 0);
            return version;
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            return OutageVersion(ex);
        }
    }

    /// <summary>
    /// Redis cannot be reached: a version of this instance alone, the number of the current outage window. It is far
    /// below every version Redis hands out (those start from the clock in milliseconds), and it moves with the clock,
    /// so the storefront's entries of one window are rebuilt from the database in the next: a change made through
    /// another instance is served here within one window. This instance's own changes fail their bump and are retried
    /// by the outbox until Redis answers again.
    /// </summary>
    private long OutageVersion(Exception? cause)
    {
        if (Interlocked.Exchange(ref _outageLogged, 1) == 0)
        {
            _logger.LogWarning(cause, "Redis cannot be reached; the storefront serves this instance's cache, rebuilt from the database every {Window} ms",
                _outageWindowMs);
        }
        return DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / _outageWindowMs;
    }

    public async Task BumpAsync(Guid tenantId)
    {
        await EnsureSubscribedAsync();
        await ReadAsync(tenantId); // seeds a missing key from the clock before incrementing it
        var version = await _redis.GetDatabase().StringIncrementAsync(Key(tenantId));
        Learn(tenantId, version);

        var nonce = Guid.NewGuid().ToString("N");
        var pending = new PendingBump();
        _pending[nonce] = pending;
        try
        {
            var receivers = await _redis.GetSubscriber().PublishAsync(Bumps, $"{tenantId:N}:{version}:{_instance}:{nonce}");
            pending.Expect((int)receivers);
            if (!await pending.WaitAsync(AckTimeout))
            {
                _logger.LogWarning("Catalogue version bump of tenant {TenantId} acknowledged by {Acks} of {Receivers} instances within {Timeout}",
                    tenantId, pending.Acks, receivers, AckTimeout);
            }
        }
        finally
        {
            _pending.TryRemove(nonce, out _);
        }
    }

    private async Task EnsureSubscribedAsync()
    {
        try
        {
            await _subscription.Value;
        }
        catch (Exception ex)
        {
            // Not subscribed: this instance keeps reading the key per request; a restored connection tries again.
            _logger.LogWarning(ex, "Catalogue version subscription failed; reading versions from Redis per request");
        }
    }

    private async Task SubscribeAsync()
    {
        var subscriber = _redis.GetSubscriber();
        await subscriber.SubscribeAsync(Bumps, (_, message) => OnBump(message));
        await subscriber.SubscribeAsync(_acks, (_, message) => OnAck(message));
        _live = true;
    }

    /// <summary>After a reconnect: forget everything (bumps may have been missed) and go live once a probe round-trips.</summary>
    private async Task ProveAsync()
    {
        GoStale();
        try
        {
            var epoch = Volatile.Read(ref _epoch);
            var nonce = Guid.NewGuid().ToString("N");
            var pending = new PendingBump();
            _pending[nonce] = pending;
            try
            {
                // Our own bump channel echoes the probe back to our ack channel: both subscriptions work again.
                await _redis.GetSubscriber().PublishAsync(Bumps, $"{Guid.Empty:N}:0:{_instance}:{nonce}");
                pending.Expect(1);
                if (await pending.WaitAsync(AckTimeout) && Volatile.Read(ref _epoch) == epoch) _live = true;
            }
            finally
            {
                _pending.TryRemove(nonce, out _);
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Catalogue version subscription not restored; reading versions from Redis per request");
        }
    }

    private void GoStale()
    {
        _live = false;
        Interlocked.Increment(ref _epoch);
        _known.Clear();
    }

    private void OnBump(RedisValue message)
    {
        var parts = ((string?)message)?.Split(':');
        if (parts is not { Length: 4 } || !Guid.TryParseExact(parts[0], "N", out var tenantId)
            || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var version)) return;
        if (tenantId != Guid.Empty) Learn(tenantId, version);
        if (tenantId == Guid.Empty && parts[2] != _instance) return; // another instance's probe
        _redis.GetSubscriber().Publish(RedisChannel.Literal($"maison:catalog:version-acks:{parts[2]}"), $"{parts[3]}:{_instance}", CommandFlags.FireAndForget);
    }

    private void OnAck(RedisValue message)
    {
        var parts = ((string?)message)?.Split(':');
        if (parts is { Length: 2 } && _pending.TryGetValue(parts[0], out var pending)) pending.Ack(parts[1]);
    }

    private void Learn(Guid tenantId, long version)
    {
        var now = Environment.TickCount64 * TimeSpan.TicksPerMillisecond;
        _known.AddOrUpdate(tenantId, static (_, n) => n, static (_, old, n) => new Known(Math.Max(old.Version, n.Version), n.At), new Known(version, now));
    }

    private async Task<long> ReadAsync(Guid tenantId)
    {
        var db = _redis.GetDatabase();
        var value = await db.StringGetAsync(Key(tenantId));
        if (value.HasValue) return (long)value;
        // A missing key (first use, or Redis lost its data) restarts from the clock, never from a number used before.
        await db.StringSetAsync(Key(tenantId), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), when: When.NotExists);
        return (long)await db.StringGetAsync(Key(tenantId));
    }

    private static RedisKey Key(Guid tenantId) => $"maison:catalog:version:{tenantId:N}";

    private sealed record Known(long Version, long At);

    /// <summary>Acknowledgements of one bump, counted per instance (a resubscribed instance may answer twice).</summary>
    private sealed class PendingBump
    {
        private readonly HashSet<string> _from = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _expected = int.MaxValue;

        public int Acks
        {
            get
            {
                lock (_from) return _from.Count;
            }
        }

        public void Ack(string instance)
        {
            lock (_from)
            {
                _from.Add(instance);
                if (_from.Count >= _expected) _done.TrySetResult();
            }
        }

        public void Expect(int receivers)
        {
            lock (_from)
            {
                _expected = receivers;
                if (_from.Count >= _expected) _done.TrySetResult();
            }
        }

        public async Task<bool> WaitAsync(TimeSpan timeout)
        {
            try
            {
                await _done.Task.WaitAsync(timeout);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }
}
