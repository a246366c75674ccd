using System.Data.Common;
using System.Linq.Expressions;
using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Maison.Commerce.Promotions;

/// <summary>
/// Builds the two upserts that LINQ cannot say (INSERT … ON CONFLICT, the same syntax on PostgreSQL and SQLite) from
/// the EF model, so table names (schema or prefix), column names and value conversions match the mapped ones, and
/// runs them without touching the caller's change tracker (the checkout saga has its own pending changes).
/// </summary>
internal sealed class PromotionSql(CommerceDb db)
{
    private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();

    public Guid TenantId => db.Tenant.Required;

    public string Table<T>()
    {
        var entity = Entity<T>();
        return _sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
    }

    public string Column<T>(Expression<Func<T, object?>> property) => _sql.DelimitIdentifier(Property(property).GetColumnName());

    /// <summary>A parameter typed and converted as the mapped property is (SQLite stores DateTimeOffset as ticks).</summary>
    public DbParameter Param<T>(Expression<Func<T, object?>> property, object? value, string name)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        return Property(property).GetRelationalTypeMapping().CreateParameter(command, name, value);
    }

    public Task<int> ExecuteAsync(string sql, DbParameter[] parameters, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(sql, parameters, ct);

    private IEntityType Entity<T>() => db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not mapped.");

    private IProperty Property<T>(Expression<Func<T, object?>> property)
    {
        var body = property.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : property.Body;
        var name = ((MemberExpression)body).Member.Name;
        return Entity<T>().FindProperty(name) ?? throw new InvalidOperationException($"{typeof(T)}.{name} is not mapped.");
    }
}
