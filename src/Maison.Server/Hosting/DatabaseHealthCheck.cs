using Maison.Commerce.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Maison.Server.Hosting;

/// <summary>Ready means the database answers; the schema was migrated before the server started listening.</summary>
internal sealed class DatabaseHealthCheck(CommerceDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
}
