using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Maison.Commerce.Inventory;

/// <summary>
/// Connections for a stand-alone one-statement reservation (no caller's unit of work to join) without waking the
/// request's <see cref="CommerceDb"/>: initialising a context's services per request cost a fifth of the server's CPU on
/// the reservation benchmark, for a statement that needs none of EF. The connection string is the one EF was given,
/// so the connections come from the same Npgsql pool (EF's provider opens <c>new NpgsqlConnection(connectionString)</c>
/// when no data source is configured) and obey the same Max Pool Size. See ADR 0010.
/// </summary>
internal sealed class ReservationConnections
{
    private string? _connectionString;
    private volatile bool _known;

    /// <summary>A new, closed connection; null when the context was not configured with a connection string.</summary>
    public NpgsqlConnection? Create(CommerceDb db)
    {
        if (!_known)
        {
            // Once per process (per host): the one time this wakes a context's services.
            _connectionString = RelationalOptionsExtension.Extract(db.GetService<IDbContextOptions>()).ConnectionString;
            _known = true;
        }
        return _connectionString is null ? null : new NpgsqlConnection(_connectionString);
    }
}
