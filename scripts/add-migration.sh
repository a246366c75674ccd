#!/usr/bin/env bash
# Adds a migration NAME for both providers (SQLite and PostgreSQL): the model is one, the SQL differs.
# Schema changes follow expand/contract (docs/adr/0003): add columns/tables first, drop them a release later.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
for pair in "SqliteCommerceDb:Sqlite" "PostgresCommerceDb:PostgreSql"; do
  context=${pair%%:*}; folder=${pair##*:}
  dotnet ef migrations add "$name" --project src/Maison.Commerce --startup-project src/Maison.Commerce \
    --context "$context" --output-dir "Persistence/Migrations/$folder"
done
