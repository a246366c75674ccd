#!/usr/bin/env bash
# Benchmarks on real engines: starts private PostgreSQL, Redis and RabbitMQ (through scripts/test.sh), a Release
# server on them with the demo data, runs the scenarios, prints the results table, and stops everything.
#
#   scripts/bench.sh [SCENARIO[,SCENARIO…]] [extra Maison.Bench arguments, e.g. --connections 64 --duration 10]
#
# Default scenarios: baseline,catalog,reserve. The figures in README.md come from this script on the 2-core machine.
#
# PostgreSQL runs durable, as in production: fsync, synchronous_commit and full_page_writes on (its defaults), where
# the tests' private server turns them off (ADR 0030). MAISON_BENCH_PG=throwaway keeps the tests' settings, for
# comparison with figures measured that way. The results table is preceded by the settings the run saw.
set -euo pipefail
cd "$(dirname "$0")/.."
scenarios=${1:-baseline,catalog,reserve}
shift || true
case ${MAISON_BENCH_PG:-durable} in
  durable) export MAISON_TEST_PG_CONF=$'fsync = on\nsynchronous_commit = on\nfull_page_writes = on'${MAISON_TEST_PG_CONF:+$'\n'$MAISON_TEST_PG_CONF} ;;
  throwaway) ;;
  *) echo "MAISON_BENCH_PG must be durable or throwaway, not '$MAISON_BENCH_PG'" >&2; exit 2 ;;
esac
dotnet build -c Release -v q -nologo src/Maison.Server/Maison.Server.csproj >/dev/null
dotnet build -c Release -v q -nologo bench/Maison.Bench/Maison.Bench.csproj >/dev/null
export MAISON_BENCH_SCENARIOS=$scenarios MAISON_BENCH_ARGS="$*"
MAISON_WITH_ENGINES="bash scripts/bench-run.sh" exec bash scripts/test.sh
