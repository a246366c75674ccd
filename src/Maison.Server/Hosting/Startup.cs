using Maison.Commerce.Catalog;
using Maison.Commerce.Persistence;
using Maison.Commerce.Platform;
using Maison.Commerce.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Maison.Server.Hosting;

/// <summary>What happens before the server listens: migrate, create the operator, seed the demo.</summary>
public static class Startup
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        await db.Database.MigrateAsync(ct);
    }

    public static async Task BootstrapOperatorAsync(IServiceProvider services, IConfiguration configuration, ILogger logger, CancellationToken ct = default)
    {
        var email = configuration["Maison:Bootstrap:OperatorEmail"];
        var password = configuration["Maison:Bootstrap:OperatorPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password)) return;
        await using var scope = services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
        if (await admin.EnsureOperatorAsync(email, password, ct)) logger.LogInformation("Created platform operator {Email}", email);
    }

    /// <summary>The demo tenant of the embedded run; idempotent, so restarts keep the same data.</summary>
    public static async Task SeedDemoAsync(IServiceProvider services, DemoCredentials demo, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDb>();
        var admin = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
        var tenant = await db.Set<Tenant>().SingleOrDefaultAsync(t => t.Slug == demo.TenantSlug, ct)
            ?? await admin.CreateTenantAsync(demo.TenantSlug, "Maison Demo", Currency.GBP, [Currency.EUR, Currency.USD, Currency.JPY], ct);
        var ownerEmail = Account.Normalize(demo.OwnerEmail);
        if (!await db.Set<Account>().AnyAsync(a => a.TenantId == tenant.Id && a.Email == ownerEmail, ct))
        {
            await admin.AddStaffAsync(tenant.Id, demo.OwnerEmail, demo.OwnerPassword, "Demo owner", "owner", ct);
        }
        await DemoCatalog.SeedAsync(services, tenant.Id, tenant.Slug, ct);
    }
}

public sealed record DemoCredentials(string TenantSlug, string OwnerEmail, string OwnerPassword)
{
    public static readonly DemoCredentials Default = new("demo", "owner@demo.maison.test", "demo-owner-password");
}
