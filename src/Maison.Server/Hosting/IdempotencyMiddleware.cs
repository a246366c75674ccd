using System.Security.Cryptography;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Maison.Server.Hosting;

/// <summary>
/// API.md's <c>Idempotency-Key</c> for every POST: the first request claims the key (a unique row), runs, and its
/// status and body are stored for 24 h and replayed with <c>Idempotent-Replayed: true</c>. The same key with another
/// body is 422; while the first is in flight, 409. A claim whose process died lapses after the lease and may be taken
/// over by a retry. Responses of 5xx are not stored, so a retry runs again.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration,
    ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(60);

    /// <summary>How long a claim outlives a process that died holding it (<c>Maison:Idempotency:LeaseSeconds</c>; tests shorten it).</summary>
    private readonly TimeSpan _lease = TimeSpan.FromSeconds(configuration.GetValue("Maison:Idempotency:LeaseSeconds", DefaultLease.TotalSeconds));

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || string.IsNullOrEmpty(key))
        {
            await next(context);
            return;
        }
        if (key.Length > MaxKeyLength) throw DomainException.Validation(Header, $"{Header} must be at most {MaxKeyLength} characters.");

        var hash = await HashRequestAsync(context.Request);
        var scope = $"{context.GetRouteValue("tenant") as string ?? "-"}|{context.Caller().Scope}";

        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<CommerceDb>();
        var record = await ClaimAsync(db, scope, key, hash, context.RequestAborted);
        if (record is null) return; // answered from the stored record

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch (Exception ex) when (ex is DomainException or BadHttpRequestException)
        {
            // A business "no" is an outcome like any other: render it here so it is stored and replayed.
            var handler = context.RequestServices.GetRequiredService<ProblemExceptionHandler>();
            await handler.TryHandleAsync(context, ex, context.RequestAborted);
        }
        catch
        {
            context.Response.Body = original;
            await ReleaseAsync(db, record.Id);
            throw;
        }
        context.Response.Body = original;

        if (context.Response.StatusCode >= 500)
        {
            await ReleaseAsync(db, record.Id);
        }
        else
        {
            var contentType = context.Response.ContentType;
            var location = context.Response.Headers.Location.ToString();
            var status = context.Response.StatusCode;
            var stored = string.IsNullOrEmpty(location) ? null : location;
            if (db.IsPostgres)
            {
                // One plain statement on every POST with a key (ADR 0013), sent as an Npgsql command on the context's
                // connection (SqlBatch) rather than through EF's raw-SQL pipeline (ADR 0015 addendum); the body straight from the buffer.
                await SqlBatch.ExecuteOneAsync(db, CompleteSql, CancellationToken.None,
                    status, new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length), contentType, stored, record.Id);
            }
            else await db.Set<IdempotencyRecord>().Where(r => r.Id == record.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Completed, true)
                .SetProperty(r => r.ResponseStatus, status)
                .SetProperty(r => r.ResponseBody, buffer.ToArray())
                .SetProperty(r => r.ResponseContentType, contentType)
                .SetProperty(r => r.ResponseLocation, stored), CancellationToken.None);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);

        async Task<IdempotencyRecord?> ClaimAsync(CommerceDb db, string scope, string key, string hash, CancellationToken ct)
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var now = time.GetUtcNow();
                var fresh = new IdempotencyRecord(scope, key, hash, now, _lease);
                if (db.IsPostgres)
                {
                    // The unique (scope, key) decides as below, without an exception or EF's insert pipeline (ADR 0013).
                    if (await SqlBatch.ExecuteOneAsync(db, ClaimSql, ct, fresh.Id, scope, key, hash, fresh.LockedUntil, fresh.CreatedAt, fresh.ExpiresAt) == 1)
                    {
                        return fresh;
                    }
                }
                else
                {
                    db.Set<IdempotencyRecord>().Add(fresh);
                    try
                    {
                        await db.SaveChangesAsync(ct);
                        return fresh;
                    }
                    catch (DbUpdateException)
                    {
                        db.ChangeTracker.Clear();
                    }
                }

                var existing = await db.Set<IdempotencyRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, ct);
                if (existing is null) continue; // released meanwhile: try to claim again
                if (existing.ExpiresAt <= now)
                {
                    await db.Set<IdempotencyRecord>().Where(r => r.Id == existing.Id && r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
                    continue;
                }
                if (existing.RequestHash != hash)
                {
                    throw new DomainException(ProblemCodes.IdempotencyKeyReused,
                        "This Idempotency-Key was used with a different request.", 422);
                }
                if (existing.Completed)
                {
                    await ReplayAsync(context, existing);
                    return null;
                }
                if (existing.LockedUntil > now)
                {
                    throw new DomainException(ProblemCodes.IdempotencyKeyInUse,
                        "A request with this Idempotency-Key is still in flight; retry later.", 409);
                }
                // The first request's process died: take its claim over, if nobody else just did.
                var lockedUntil = existing.LockedUntil;
                var taken = await db.Set<IdempotencyRecord>()
                    .Where(r => r.Id == existing.Id && !r.Completed && r.LockedUntil == lockedUntil)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.LockedUntil, now + _lease), ct);
                if (taken == 1)
                {
                    logger.LogInformation("Took over a lapsed idempotency claim for key {Key}", key);
                    return existing;
                }
            }
            throw new DomainException(ProblemCodes.IdempotencyKeyInUse, "A request with this Idempotency-Key is still in flight; retry later.", 409);
        }
    }

    // The unique (scope, key) decides, without an exception or EF's insert pipeline (ADR 0013).
    private const string ClaimSql = """
        INSERT INTO platform.idempotency_records (id, scope, key, request_hash, completed, locked_until, response_status, created_at, expires_at)
        VALUES ($1, $2, $3, $4, FALSE, $5, 0, $6, $7)
        ON CONFLICT (scope, key) DO NOTHING
        """;

    private const string CompleteSql = """
        UPDATE platform.idempotency_records SET completed = TRUE, response_status = $1, response_body = $2,
            response_content_type = $3, response_location = $4
        WHERE id = $5
        """;

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord record)
    {
        context.Response.StatusCode = record.ResponseStatus;
        context.Response.Headers[ReplayedHeader] = "true";
        if (record.ResponseContentType is { } contentType) context.Response.ContentType = contentType;
        if (record.ResponseLocation is { } location) context.Response.Headers.Location = location;
        if (record.ResponseBody is { Length: > 0 } body) await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static async Task ReleaseAsync(CommerceDb db, Guid id) =>
        await db.Set<IdempotencyRecord>().Where(r => r.Id == id && !r.Completed).ExecuteDeleteAsync(CancellationToken.None);

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0) sha.AppendData(chunk, 0, read);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
