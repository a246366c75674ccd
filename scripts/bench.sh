#!/usr/bin/env bash
# Benchmarks on real engines: starts private PostgreSQL, Redis and RabbitMQ (through scripts/test.sh), a Release
# server on them with the demo data, runs the scenarios, prints the results table, and stops everything.
#
#   scripts/bench.sh [SCENARIO[,SCENARIO…]] [extra Maison.Bench arguments, e.g. --connections 64 --duration 10]
#
# Default scenarios: baseline,catalog,reserve. The figures in README.md come from this script on the 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scenarios=${1:-baseline,catalog,reserve}
shift || true
dotnet build -c Release -v q -nologo src/Maison.Server/Maison.Server.csproj >/dev/null
dotnet build -c Release -v q -nologo bench/Maison.Bench/Maison.Bench.csproj >/dev/null
export MAISON_BENCH_SCENARIOS=$scenarios MAISON_BENCH_ARGS="$*"
MAISON_WITH_ENGINES="bash scripts/bench-run.sh" exec bash scripts/test.sh
