using System.Linq.Expressions;
using Maison.Commerce.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Maison.Commerce.Persistence;

/// <summary>
/// The one DbContext. Each module maps its own tables (an <see cref="IEntityTypeConfiguration{TEntity}"/> in its
/// folder) under its own schema; on SQLite, which has no schemas, the schema becomes a table-name prefix.
/// Every <see cref="ITenantOwned"/> row is filtered to the current tenant.
/// Instances are pooled (ADR 0009): the scope's <see cref="TenantContext"/> is attached when one is rented
/// (<see cref="PersistenceModule"/>) and detached when it goes back, so no tenant outlives its request.
/// </summary>
public abstract class CommerceDb : DbContext
{
    public const string TenantFilter = "tenant";

    private TenantContext _tenant = new();

    protected CommerceDb(DbContextOptions options) : base(options)
    {
    }

    /// <summary>The tenant the global query filter uses; <see cref="Guid.Empty"/> (no rows) when none is set.</summary>
    public Guid CurrentTenantId => _tenant.TenantId;

    public TenantContext Tenant => _tenant;

    /// <summary>Attaches the scope's tenant to a context rented from the pool.</summary>
    internal void AttachTenant(TenantContext tenant) => _tenant = tenant;

    public override void Dispose()
    {
        _tenant = new TenantContext(); // back to the pool with no tenant: the next renter attaches its own
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _tenant = new TenantContext();
        return base.DisposeAsync();
    }

    /// <summary>Whether the engine has schemas (PostgreSQL) or wants prefixed table names (SQLite).</summary>
    protected abstract bool UsesSchemas { get; }

    public abstract bool IsPostgres { get; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Currency>().HaveConversion<CurrencyConverter>().HaveMaxLength(3);
        configurationBuilder.Properties<string>().HaveMaxLength(400);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        if (!UsesSchemas)
        {
            // SQLite compares and orders DateTimeOffset text wrongly across offsets; store UTC ticks instead.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CommerceDb).Assembly);

        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => !e.IsOwned()))
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType) && entity.BaseType is null)
            {
                modelBuilder.Entity(entity.ClrType).HasQueryFilter(TenantFilter, TenantPredicate(entity.ClrType));
            }
            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType) && entity.BaseType is null)
            {
                modelBuilder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
            }
            if (!UsesSchemas && entity.GetSchema() is { } schema && entity.GetTableName() is { } table)
            {
                entity.SetTableName($"{schema}_{table}");
                entity.SetSchema(null);
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.Version++;
            else if (entry.State == EntityState.Added && entry.Entity.Version == 0) entry.Entity.Version = 1;
        }
    }

    private LambdaExpression TenantPredicate(Type type)
    {
        // e => e.TenantId == this.CurrentTenantId; EF evaluates the context member per query.
        var e = Expression.Parameter(type, "e");
        var body = Expression.Equal(
            Expression.Property(e, nameof(ITenantOwned.TenantId)),
            Expression.Property(Expression.Constant(this), nameof(CurrentTenantId)));
        return Expression.Lambda(body, e);
    }

    private sealed class CurrencyConverter() : ValueConverter<Currency, string>(c => c.Code, code => Currency.From(code));
}

/// <summary>Module schemas (PostgreSQL) and table prefixes (SQLite).</summary>
public static class Schemas
{
    public const string Platform = "platform";
    public const string Tenancy = "tenancy";
    public const string Membership = "membership";
    public const string Catalog = "catalog";
    public const string Pricing = "pricing";
    public const string Inventory = "inventory";
    public const string Promotions = "promotions";
    public const string Checkout = "checkout";
    public const string Payments = "payments";
    public const string Orders = "orders";
    public const string Fulfillment = "fulfillment";
    public const string Returns = "returns";
    public const string Notifications = "notifications";
    public const string Integrations = "integrations";
}
