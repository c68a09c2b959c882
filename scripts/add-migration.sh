#!/usr/bin/env bash
# Adds one EF Core migration, under the same name, for both database providers (SQLite and PostgreSQL).
#   scripts/add-migration.sh NAME
# Run it after changing an entity or its IEntityTypeConfiguration; review both generated files; commit them together.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NAME}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/Ballotline.Server --context "${provider}BallotlineDb" \
    --output-dir "Data/Migrations/$provider" --namespace "Ballotline.Server.Data.Migrations.$provider"
done
# With no model snapshot yet (a fresh Initial), EF places the snapshot by its namespace: move it beside the migrations.
for provider in Sqlite Postgres; do
  stray="src/Ballotline.Server/Ballotline/Server/Data/Migrations/$provider"
  if [ -d "$stray" ]; then mv "$stray"/*.cs "src/Ballotline.Server/Data/Migrations/$provider/"; fi
done
rm -rf src/Ballotline.Server/Ballotline
