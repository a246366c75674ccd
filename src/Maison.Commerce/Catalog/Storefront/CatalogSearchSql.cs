namespace Maison.Commerce.Catalog.Storefront;

/// <summary>
/// Full-text search DDL that EF's model cannot express on both engines, run by the Catalog migrations
/// (<c>migrationBuilder.Sql</c>). Regenerating the migrations must carry these calls over.
/// </summary>
public static class CatalogSearchSql
{
    /// <summary>PostgreSQL: a generated, weighted tsvector (title A, the rest B) with a GIN index.</summary>
    public const string PostgresUp = """
        ALTER TABLE catalog.products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
            setweight(to_tsvector('english'::regconfig, coalesce(search_text, '')), 'B')) STORED;
        CREATE INDEX ix_products_search_vector ON catalog.products USING GIN (search_vector);
        """;

    public const string PostgresDown = "ALTER TABLE catalog.products DROP COLUMN search_vector;";

    /// <summary>SQLite: an external-content FTS5 table over the products table, kept in step by triggers.</summary>
    public const string SqliteUp = """
        CREATE VIRTUAL TABLE catalog_products_fts USING fts5(title, search_text, content='catalog_products', content_rowid='rowid',
            tokenize='porter unicode61 remove_diacritics 2');
        CREATE TRIGGER catalog_products_fts_ai AFTER INSERT ON catalog_products BEGIN
            INSERT INTO catalog_products_fts(rowid, title, search_text) VALUES (new.rowid, new.title, new.search_text);
        END;
        CREATE TRIGGER catalog_products_fts_ad AFTER DELETE ON catalog_products BEGIN
            INSERT INTO catalog_products_fts(catalog_products_fts, rowid, title, search_text) VALUES ('delete', old.rowid, old.title, old.search_text);
        END;
        CREATE TRIGGER catalog_products_fts_au AFTER UPDATE ON catalog_products BEGIN
            INSERT INTO catalog_products_fts(catalog_products_fts, rowid, title, search_text) VALUES ('delete', old.rowid, old.title, old.search_text);
            INSERT INTO catalog_products_fts(rowid, title, search_text) VALUES (new.rowid, new.title, new.search_text);
        END;
        """;

    public const string SqliteDown = """
        DROP TRIGGER IF EXISTS catalog_products_fts_au;
        DROP TRIGGER IF EXISTS catalog_products_fts_ad;
        DROP TRIGGER IF EXISTS catalog_products_fts_ai;
        DROP TABLE IF EXISTS catalog_products_fts;
        """;
}
