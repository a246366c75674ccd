#!/usr/bin/env bash
# The inside of scripts/bench.sh, run with the engines up (MAISON_TEST_PG, MAISON_TEST_REDIS exported).
set -euo pipefail
port=5181
db="${MAISON_TEST_PG/Database=postgres/Database=maison}"
export Maison__Database__Provider=PostgreSQL ConnectionStrings__Maison="$db" ConnectionStrings__Redis="$MAISON_TEST_REDIS"
export Maison__Bootstrap__OperatorEmail=operator@bench.maison Maison__Bootstrap__OperatorPassword=operator-password
export Maison__Auth__SigningKey=bench-signing-key-that-is-long-enough-0123456789 Logging__LogLevel__Default=Warning
dotnet src/Maison.Server/bin/Release/net10.0/Maison.Server.dll --demo --urls "http://127.0.0.1:$port" >/tmp/maison-bench-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { echo "server exited:"; tail -20 /tmp/maison-bench-server.log; exit 1; }
  sleep 1
done
# shellcheck disable=SC2086 # MAISON_BENCH_ARGS is a list of words
dotnet bench/Maison.Bench/bin/Release/net10.0/Maison.Bench.dll --url "http://127.0.0.1:$port" \
  --scenario "$MAISON_BENCH_SCENARIOS" --pg "$db" $MAISON_BENCH_ARGS
