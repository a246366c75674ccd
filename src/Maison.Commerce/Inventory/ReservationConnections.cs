using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Maison.Commerce.Inventory;

/// <summary>
/// Where stand-alone reservations (the batches of <see cref="ReservationBatcher"/>, no caller's unit of work to join)
/// connect, without waking the request's <see cref="CommerceDb"/>: initialising a context's services per request cost a fifth of the server's CPU on
/// the reservation benchmark, for a statement that needs none of EF. The connection string is the one EF was given
/// (see ADR 0010); each batch worker derives from it a connection of its own, outside the pool, that it keeps
/// (ADR 0024).
/// </summary>
internal sealed class ReservationConnections
{
    private volatile Settings? _settings;

    /// <summary>
    /// The connection string EF was given on PostgreSQL; null on SQLite, or when the context was not configured with a
    /// connection string. <paramref name="db"/> is called once per process (per host), to learn both.
    /// </summary>
    public string? ConnectionString(Func<CommerceDb> db) => (_settings ??= Learn(db())).ConnectionString;

    private static Settings Learn(CommerceDb db) =>
        new(db.IsPostgres ? RelationalOptionsExtension.Extract(db.GetService<IDbContextOptions>()).ConnectionString : null);

    private sealed record Settings(string? ConnectionString);
}
