using System.Text;
using Maison.Commerce.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Maison.Commerce.Catalog.Storefront;

/// <summary>
/// Full-text search over the tenant's active products: PostgreSQL tsvector + GIN ranked by ts_rank, SQLite FTS5
/// ranked by bm25 (title weighted above the rest). Every word must match, as a prefix.
/// </summary>
public sealed class ProductSearch(CommerceDb db)
{
    public const int MaxResults = 500;

    public async Task<IReadOnlyList<string>> SearchAsync(string q, CancellationToken ct)
    {
        var words = Words(q);
        if (words.Count == 0) return [];
        var tenant = db.Tenant.Required;
        const string active = nameof(ProductStatus.Active);
        if (db.IsPostgres)
        {
            var query = string.Join(" & ", words.Select(w => w + ":*"));
            return await db.Database.SqlQuery<string>($"""
                SELECT slug AS "Value" FROM catalog.products
                WHERE tenant_id = {tenant} AND status = {active} AND search_vector @@ to_tsquery('english', {query})
                ORDER BY ts_rank(search_vector, to_tsquery('english', {query})) DESC, slug
                LIMIT {MaxResults}
                """).ToListAsync(ct);
        }
        var match = string.Join(" ", words.Select(w => "\"" + w + "\"*"));
        // SQLite keeps GUIDs as upper-case text.
        var tenantText = tenant.ToString().ToUpperInvariant();
        return await db.Database.SqlQuery<string>($"""
            SELECT p.slug AS "Value" FROM catalog_products_fts f JOIN catalog_products p ON p.rowid = f.rowid
            WHERE catalog_products_fts MATCH {match} AND p.tenant_id = {tenantText} AND p.status = {active}
            ORDER BY bm25(catalog_products_fts, 10.0, 1.0), p.slug
            LIMIT {MaxResults}
            """).ToListAsync(ct);
    }

    /// <summary>Letters and digits only: what reaches the engines' query syntax can never be an operator.</summary>
    internal static List<string> Words(string q)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in q.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c)) current.Append(char.ToLowerInvariant(c));
            else Flush();
        }
        Flush();
        return words.Distinct(StringComparer.Ordinal).Take(8).ToList();

        void Flush()
        {
            if (current.Length > 0 && current.Length <= 40) words.Add(current.ToString());
            current.Clear();
        }
    }
}
