using Maison.Commerce.Persistence;
using Maison.Commerce.Promotions.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Maison.Commerce.Promotions;

/// <summary>
/// Counts and gives back promotion uses. Every limit is one conditional statement, so however many checkouts race,
/// no promotion goes over its usageLimit and no member over its perMemberLimit. Runs on the caller's transaction when
/// there is one (the checkout saga's), otherwise in its own, so it is atomic either way.
/// </summary>
internal sealed class RedemptionCounter(CommerceDb db, TimeProvider time)
{
    private const string Savepoint = "promotions_redeem";

    public async Task<bool> TryRedeemAsync(IReadOnlyList<AppliedPromotion> applied, Guid memberId, Guid orderId, CancellationToken ct)
    {
        if (applied.Count == 0) return true;
        // Sorted, so two orders with the same promotions lock their rows in the same order and never deadlock.
        var ids = applied.Select(a => a.PromotionId).Distinct().Order().ToList();
        var limits = await db.Set<Promotion>().AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new Limits(p.Id, p.UsageLimit, p.PerMemberLimit)).ToDictionaryAsync(p => p.Id, ct);
        if (limits.Count != ids.Count) return false;

        var outer = db.Database.CurrentTransaction;
        await using var own = outer is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (outer is not null) await outer.CreateSavepointAsync(Savepoint, ct);
        var sql = new PromotionSql(db);
        foreach (var id in ids)
        {
            if (!await CountOneAsync(sql, id, limits[id], memberId, orderId, ct))
            {
                // Nothing counted so far survives: the savepoint (or our own transaction) takes it all back.
                if (outer is not null) await outer.RollbackToSavepointAsync(Savepoint, ct);
                else await own!.RollbackAsync(ct);
                return false;
            }
        }
        if (outer is not null) await outer.ReleaseSavepointAsync(Savepoint, ct);
        else await own!.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Gives back each use counted for the order: the redemption is marked released by a conditional update first, and
    /// only the caller whose update matched decrements the counters, so concurrent or repeated releases give back once.
    /// </summary>
    public async Task ReleaseAsync(Guid orderId, CancellationToken ct)
    {
        var redemptions = await db.Set<PromotionRedemption>().AsNoTracking()
            .Where(r => r.OrderId == orderId && r.ReleasedAt == null)
            .OrderBy(r => r.PromotionId).Select(r => new { r.Id, r.PromotionId, r.MemberId }).ToListAsync(ct);
        if (redemptions.Count == 0) return;

        var now = time.GetUtcNow();
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        foreach (var r in redemptions)
        {
            var released = await db.Set<PromotionRedemption>().Where(x => x.Id == r.Id && x.ReleasedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReleasedAt, now), ct);
            if (released == 0) continue;
            await db.Set<Promotion>().Where(p => p.Id == r.PromotionId && p.Uses > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Uses, p => p.Uses - 1), ct);
            await db.Set<PromotionMemberUse>().Where(u => u.PromotionId == r.PromotionId && u.MemberId == r.MemberId && u.Uses > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Uses, u => u.Uses - 1), ct);
        }
        if (own is not null) await own.CommitAsync(ct);
    }

    private sealed record Limits(Guid Id, int? UsageLimit, int? PerMemberLimit);

    private async Task<bool> CountOneAsync(PromotionSql sql, Guid promotionId, Limits limits, Guid memberId, Guid orderId, CancellationToken ct)
    {
        // The record first: an order already counted for this promotion (a retried saga step) is not counted again.
        var recorded = await sql.ExecuteAsync(
            $"INSERT INTO {sql.Table<PromotionRedemption>()} ({sql.Column<PromotionRedemption>(r => r.Id)}, {sql.Column<PromotionRedemption>(r => r.TenantId)}, " +
            $"{sql.Column<PromotionRedemption>(r => r.PromotionId)}, {sql.Column<PromotionRedemption>(r => r.OrderId)}, " +
            $"{sql.Column<PromotionRedemption>(r => r.MemberId)}, {sql.Column<PromotionRedemption>(r => r.RedeemedAt)}) " +
            "VALUES ({0}, {1}, {2}, {3}, {4}, {5}) " +
            $"ON CONFLICT ({sql.Column<PromotionRedemption>(r => r.PromotionId)}, {sql.Column<PromotionRedemption>(r => r.OrderId)}) DO NOTHING",
            [
                sql.Param<PromotionRedemption>(r => r.Id, Guid.CreateVersion7(), "p0"),
                sql.Param<PromotionRedemption>(r => r.TenantId, db.Tenant.Required, "p1"),
                sql.Param<PromotionRedemption>(r => r.PromotionId, promotionId, "p2"),
                sql.Param<PromotionRedemption>(r => r.OrderId, orderId, "p3"),
                sql.Param<PromotionRedemption>(r => r.MemberId, memberId, "p4"),
                sql.Param<PromotionRedemption>(r => r.RedeemedAt, time.GetUtcNow(), "p5"),
            ], ct);
        if (recorded == 0) return true;

        if (limits.PerMemberLimit is { } perMember && !await CountMemberUseAsync(sql, promotionId, memberId, perMember, ct)) return false;

        // Without a limit the redemption rows are the count: no hot row for every checkout with an open promotion to queue on.
        if (limits.UsageLimit is null) return true;
        // The one conditional update against usageLimit; PostgreSQL re-checks it on the latest row after waiting for the lock.
        return await db.Set<Promotion>().Where(p => p.Id == promotionId && p.Uses < p.UsageLimit)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Uses, p => p.Uses + 1), ct) == 1;
    }

    /// <summary>Creates the member's counter at 1, or adds one only while it is below the limit: one upsert, 0 rows = limit reached.</summary>
    private static async Task<bool> CountMemberUseAsync(PromotionSql sql, Guid promotionId, Guid memberId, int limit, CancellationToken ct)
    {
        var uses = sql.Column<PromotionMemberUse>(u => u.Uses);
        return await sql.ExecuteAsync(
            $"INSERT INTO {sql.Table<PromotionMemberUse>()} AS u ({sql.Column<PromotionMemberUse>(u => u.PromotionId)}, " +
            $"{sql.Column<PromotionMemberUse>(u => u.MemberId)}, {sql.Column<PromotionMemberUse>(u => u.TenantId)}, {uses}) " +
            "VALUES ({0}, {1}, {2}, 1) " +
            $"ON CONFLICT ({sql.Column<PromotionMemberUse>(u => u.PromotionId)}, {sql.Column<PromotionMemberUse>(u => u.MemberId)}) " +
            $"DO UPDATE SET {uses} = u.{uses} + 1 WHERE u.{uses} < {{3}}",
            [
                sql.Param<PromotionMemberUse>(u => u.PromotionId, promotionId, "p0"),
                sql.Param<PromotionMemberUse>(u => u.MemberId, memberId, "p1"),
                sql.Param<PromotionMemberUse>(u => u.TenantId, sql.TenantId, "p2"),
                sql.Param<PromotionMemberUse>(u => u.Uses, limit, "p3"),
            ], ct) == 1;
    }
}
