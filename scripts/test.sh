#!/usr/bin/env bash
# shellcheck disable=SC2317 # some functions are only invoked indirectly (check "name" func ...)
# Maison test harness: build once, run every test suite, print one summary line.
#
#   scripts/test.sh [extra dotnet test args...]      e.g. scripts/test.sh --filter "FullyQualifiedName~Cart"
#
# What it does
#   1. installs PostgreSQL / Redis / RabbitMQ from apt if they are missing (needs root or sudo)
#   2. starts PRIVATE throw-away instances of them on 127.0.0.1 and free ports, in a temp dir
#      (an already running system cluster/service is never used, stopped or touched)
#   3. dotnet build Maison.slnx -c Release (once)
#   4. tests/Maison.Commerce.Tests                                    -> commerce.trx
#      tests/Maison.Server.Tests with MAISON_TEST_PROVIDER=Sqlite     -> server-sqlite.trx
#      tests/Maison.Server.Tests with MAISON_TEST_PROVIDER=PostgreSQL -> server-postgresql.trx
#      Every run is executed even if an earlier one failed. Extra arguments go to every `dotnet test`.
#   5. stops what it started and deletes the temp dir (also on error / Ctrl-C)
#   6. last line of output is exactly "N passed, M failed", summed over the TRX files of this run.
#      A run that produced no TRX, exited non-zero without a failed test, or could not run at all
#      counts as one failure. Exit status is non-zero if M > 0 or N == 0.
#
# Environment (inputs)
#   CI=true                  an engine that cannot be installed or started is a failure (non-zero exit);
#                            otherwise it is a warning and only what can run is run (SQLite).
#   MAISON_TEST_ENGINES=0    do not install/start engines: Commerce tests + Server tests on SQLite only.
#   MAISON_TEST_DRYRUN=1     no build, no tests: start the engines, smoke-check them (psql, redis-cli,
#                            rabbitmqctl + raw AMQP handshake), stop them, report timings.
#   MAISON_WITH_ENGINES=CMD  no build, no tests: start the engines, run CMD (bash -c) with the variables below
#                            exported, stop the engines, exit with CMD's status (scripts/bench.sh uses it).
#   MAISON_TEST_RESULTS_DIR  where TRX files go (default: artifacts/test-results; emptied first).
#   MAISON_TEST_PG_CONF      extra postgresql.conf lines for the private server, e.g. for profiling:
#                            "shared_preload_libraries = 'pg_stat_statements'".
#
# Environment (exported to the test processes)
#   MAISON_TEST_PROVIDER   Sqlite | PostgreSQL
#   MAISON_TEST_PG         Npgsql connection string of the private server, user postgres (superuser;
#                          tests create their own databases). A superuser role "maison" (password
#                          "maison") and database "maison" exist as well.
#   MAISON_TEST_REDIS      host:port of the private Redis
#   MAISON_TEST_RABBITMQ   amqp://guest:guest@127.0.0.1:PORT/
set -euo pipefail

cd "$(dirname "$0")/.."
REPO_ROOT=$(pwd)

PASSTHRU=("$@")
IS_CI=false
case "${CI:-}" in true | TRUE | True | 1 | yes) IS_CI=true ;; esac
ENGINES=true
[[ "${MAISON_TEST_ENGINES:-1}" == 0 ]] && ENGINES=false
DRYRUN=false
[[ "${MAISON_TEST_DRYRUN:-0}" == 1 ]] && DRYRUN=true && ENGINES=true
[[ -n "${MAISON_WITH_ENGINES:-}" ]] && ENGINES=true
RESULTS_DIR=${MAISON_TEST_RESULTS_DIR:-$REPO_ROOT/artifacts/test-results}

export DOTNET_CLI_TELEMETRY_OPTOUT=${DOTNET_CLI_TELEMETRY_OPTOUT:-1}
export DOTNET_NOLOGO=${DOTNET_NOLOGO:-1}

# ----------------------------------------------------------------------------- helpers

log() { printf '==> %s\n' "$*"; }
WARNINGS=() # repeated above the summary, where they cannot scroll away
warn() { WARNINGS+=("$*"); printf '!!! WARNING: %s\n' "$*" >&2; }
err() { printf '!!! ERROR: %s\n' "$*" >&2; }

# Milliseconds since the epoch (bash 5 $EPOCHREALTIME, no external date call).
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }
# "1.234s" since a now_ms value.
since() { local d=$(($(now_ms) - $1)); printf '%d.%03ds' $((d / 1000)) $((d % 1000)); }

# Failures that are not visible in a TRX file (engine missing in CI, build failure, run without TRX).
EXTRA_FAILED=0
FAIL_REASONS=()
record_failure() { EXTRA_FAILED=$((EXTRA_FAILED + 1)); FAIL_REASONS+=("$1"); err "$1"; }

# An engine could not be installed/started: fatal-ish in CI, a warning locally.
engine_unavailable() {
  if $IS_CI; then record_failure "$1 (CI=true: engines are mandatory)"; else warn "$1 -- continuing without it"; fi
}

# Is something listening on 127.0.0.1:$1? (bash /dev/tcp; no ss/netstat needed on a fresh image)
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port START VAR: set VAR to the first port >= START that nobody listens on and that we have
# not handed out yet (not called in $(...): the list of handed-out ports must survive).
PICKED_PORTS=" "
free_port() {
  local p
  for ((p = $1; p < $1 + 2000; p++)); do
    [[ "$PICKED_PORTS" == *" $p "* ]] && continue
    if ! port_open "$p"; then PICKED_PORTS+="$p "; printf -v "$2" '%s' "$p"; return 0; fi
  done
  return 1
}

# Alive and not a zombie? (kill -0 succeeds on zombies, which our own un-reaped children are.)
proc_alive() {
  local stat
  [[ -n "${1:-}" ]] && stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) } # state letter follows "(comm) "
  [[ "${stat:0:1}" != Z ]]
}

# Wait up to $2 seconds for process $1 to go away; reap it if it is our child.
wait_gone() {
  local pid=$1 deadline=$(($(now_ms) + $2 * 1000))
  while proc_alive "$pid" && (($(now_ms) < deadline)); do sleep 0.1; done
  if proc_alive "$pid"; then return 1; fi
  wait "$pid" 2>/dev/null || true
}

# Stop process $1 (our child): TERM, then KILL after $2 seconds.
terminate() {
  local pid=$1 grace=${2:-10}
  proc_alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  wait_gone "$pid" "$grace" && return 0
  kill -KILL "$pid" 2>/dev/null || true
  wait_gone "$pid" 5 || true
}

show_log() { # last lines of an engine log, to make CI failures diagnosable
  [[ -f "$1" ]] || return 0
  printf -- '--- last lines of %s ---\n' "$1" >&2
  tail -n 40 "$1" >&2 || true
  printf -- '---\n' >&2
}

# Run as root, or through sudo when we are not root.
as_root() {
  if ((EUID == 0)); then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

# ----------------------------------------------------------------------------- engine discovery / install

PG_BIN="" RABBIT_BIN="" EPMD=""

find_engines() {
  local d best=""
  PG_BIN=""
  for d in /usr/lib/postgresql/*/bin; do # newest major version wins
    [[ -x "$d/initdb" && -x "$d/postgres" && -x "$d/pg_ctl" && -x "$d/psql" ]] || continue
    [[ -z "$best" || "$(printf '%s\n%s\n' "$best" "$d" | sort -V | tail -n 1)" == "$d" ]] && best=$d
  done
  PG_BIN=$best
  # Call the scripts in /usr/lib/rabbitmq/bin directly: the /usr/sbin wrappers switch to the
  # rabbitmq user and reset HOME (-> /var/lib/rabbitmq/.erlang.cookie, logs in /var/log).
  RABBIT_BIN=""
  if command -v rabbitmq-server >/dev/null 2>&1; then
    d=$(dirname "$(readlink -f "$(command -v rabbitmq-server)")")
    [[ -x "$d/rabbitmqctl" ]] && RABBIT_BIN=$d
  fi
  [[ -z "$RABBIT_BIN" && -x /usr/lib/rabbitmq/bin/rabbitmqctl ]] && RABBIT_BIN=/usr/lib/rabbitmq/bin
  EPMD=$(command -v epmd 2>/dev/null || true)
  if [[ -z "$EPMD" ]]; then
    for d in /usr/lib/erlang/erts-*/bin/epmd; do [[ -x "$d" ]] && EPMD=$d; done
  fi
  return 0
}

have_pg() { [[ -n "$PG_BIN" ]]; }
have_redis() { command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; }
have_rabbit() { [[ -n "$RABBIT_BIN" && -n "$EPMD" ]]; }

POLICY_RC_CREATED=false
install_missing_engines() {
  find_engines
  local pkgs=()
  have_pg || pkgs+=(postgresql)
  have_redis || pkgs+=(redis-server)
  have_rabbit || pkgs+=(rabbitmq-server)
  ((${#pkgs[@]})) || return 0

  log "installing missing packages: ${pkgs[*]}"
  if ! as_root true 2>/dev/null; then
    engine_unavailable "cannot install ${pkgs[*]}: not root and no sudo"
    return 0
  fi
  # Keep the packages' postinst scripts from starting system services we would never use
  # (standard Debian mechanism; only if no policy is in place already, removed right after).
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod 755 /usr/sbin/policy-rc.d
    POLICY_RC_CREATED=true
  fi
  local ok=true
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -q update || ok=false
  $ok && { as_root env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends "${pkgs[@]}" || ok=false; }
  remove_policy_rc
  $ok || warn "apt-get failed"
  find_engines
}

remove_policy_rc() {
  if $POLICY_RC_CREATED; then as_root rm -f /usr/sbin/policy-rc.d || true; POLICY_RC_CREATED=false; fi
}

# ----------------------------------------------------------------------------- private engines

TMP_ROOT=""
PG_PORT="" PG_PID="" PG_DATA="" PG_OK=false
REDIS_PORT="" REDIS_PID="" REDIS_OK=false
RMQ_PORT="" RMQ_PID="" RMQ_OK=false EPMD_PID="" RMQ_NODE="maison-test@localhost"
RMQ_ENV=()

# Concurrent runs on one machine: "is the port free?" is only meaningful until someone binds it,
# so port picking + engine start (until listening) happen under an exclusive lock on fd 9.
# The lock file (empty) is left in place on purpose: deleting it would race with other runs.
PORT_LOCKED=false
lock_ports() {
  command -v flock >/dev/null 2>&1 || return 0
  # (braces: the 2>/dev/null must not become permanent like the exec'd fd 9 does)
  { exec 9>>"${TMPDIR:-/tmp}/maison-test.ports.lock"; } 2>/dev/null || return 0
  if flock -w 120 9; then PORT_LOCKED=true; else warn "could not lock port selection; going ahead anyway"; fi
}
unlock_ports() {
  $PORT_LOCKED || return 0
  flock -u 9 || true
  exec 9>&-
  PORT_LOCKED=false
}

make_tmp_root() {
  [[ -n "$TMP_ROOT" ]] && return 0
  TMP_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/maison-test.XXXXXX")
  chmod 755 "$TMP_ROOT" # the postgres user must be able to traverse it
  # ... which fails if TMPDIR lies below a private directory (e.g. /root/...): use /tmp then.
  if ((EUID == 0)) && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$TMP_ROOT"; then
    rmdir "$TMP_ROOT"
    TMP_ROOT=$(mktemp -d /tmp/maison-test.XXXXXX)
    chmod 755 "$TMP_ROOT"
  fi
}

# Run a PostgreSQL server binary: initdb/pg_ctl/postgres refuse to run as root.
as_pg() {
  if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local t0 dir=$TMP_ROOT/pg
  t0=$(now_ms)
  if ((EUID == 0)) && ! id postgres >/dev/null 2>&1; then
    engine_unavailable "PostgreSQL: user 'postgres' does not exist"
    return 0
  fi
  free_port 55432 PG_PORT || { engine_unavailable "PostgreSQL: no free port"; return 0; }
  PG_DATA=$dir/data
  mkdir -p "$dir/data" "$dir/sock"
  ((EUID == 0)) && chown -R postgres: "$dir"
  chmod 700 "$dir/data"

  # C.UTF-8: byte-order collation like C, but upper()/lower() etc. work on non-ASCII text.
  if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    --no-sync >"$dir/initdb.log" 2>&1; then
    show_log "$dir/initdb.log"
    engine_unavailable "PostgreSQL: initdb failed"
    return 0
  fi
  # Throw-away test server: durability off, loopback TCP only, private socket dir.
  # dynamic_shared_memory_type=mmap: parallel queries otherwise need /dev/shm, which is only
  # 64 MB in default Docker containers ("could not resize shared memory segment").
  cat >>"$PG_DATA/postgresql.conf" <<EOF

# --- maison scripts/test.sh ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$dir/sock'
max_connections = 300
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
dynamic_shared_memory_type = mmap
${MAISON_TEST_PG_CONF:-}
EOF
  # postgres runs as OUR child (through runuser) instead of being daemonized by pg_ctl, so we can
  # reap it; pg_ctl is still used to stop it.
  as_pg "$PG_BIN/postgres" -D "$PG_DATA" </dev/null >"$dir/postgres.log" 2>&1 9>&- &
  PG_PID=$!

  local deadline=$(($(now_ms) + 60000))
  until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 1; do
    if ! proc_alive "$PG_PID" || (($(now_ms) > deadline)); then
      show_log "$dir/postgres.log"
      engine_unavailable "PostgreSQL did not start"
      pg_stop
      return 0
    fi
    sleep 0.1
  done
  if ! "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres >"$dir/setup.log" 2>&1 <<'SQL'; then
ALTER ROLE postgres PASSWORD 'postgres';
CREATE ROLE maison LOGIN SUPERUSER CREATEDB CREATEROLE PASSWORD 'maison';
CREATE DATABASE maison OWNER maison;
SQL
    show_log "$dir/setup.log"
    engine_unavailable "PostgreSQL: creating role/database failed"
    pg_stop
    return 0
  fi
  export MAISON_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=postgres;Pooling=true;Maximum Pool Size=200"
  PG_OK=true
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (ready in $(since "$t0"))"
}

pg_stop() {
  [[ -n "$PG_PID" ]] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m immediate -w -t 30 >/dev/null 2>&1 || true
  terminate "$PG_PID" 10
  PG_PID="" PG_OK=false
}

redis_start() {
  local t0 dir=$TMP_ROOT/redis
  t0=$(now_ms)
  free_port 56379 REDIS_PORT || { engine_unavailable "Redis: no free port"; return 0; }
  mkdir -p "$dir"
  # Not daemonized: it stays our child, so we know its pid and can reap it.
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize no --dir "$dir" --logfile "$dir/redis.log" </dev/null >"$dir/redis.out" 2>&1 9>&- &
  REDIS_PID=$!
  local deadline=$(($(now_ms) + 30000))
  until [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; do
    if ! proc_alive "$REDIS_PID" || (($(now_ms) > deadline)); then
      show_log "$dir/redis.out"
      show_log "$dir/redis.log"
      engine_unavailable "Redis did not start"
      redis_stop
      return 0
    fi
    sleep 0.05
  done
  export MAISON_TEST_REDIS="127.0.0.1:$REDIS_PORT"
  REDIS_OK=true
  log "Redis $(redis-server --version | sed -n 's/.* v=\([^ ]*\).*/\1/p') on 127.0.0.1:$REDIS_PORT (ready in $(since "$t0"))"
}

redis_stop() {
  [[ -n "$REDIS_PID" ]] || return 0
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  wait_gone "$REDIS_PID" 10 || terminate "$REDIS_PID" 5
  REDIS_PID="" REDIS_OK=false
}

# RabbitMQ node, fully private:
#  - HOME points into the temp dir, so the Erlang cookie used by server AND CLI is a fresh one we
#    write there (never ~/.erlang.cookie or /var/lib/rabbitmq/.erlang.cookie);
#  - its own epmd on its own port (ERL_EPMD_PORT), started by us, so the node name cannot clash
#    with a system "rabbit@host" and no stray epmd daemon survives the run;
#  - own config, empty enabled_plugins (the system file may enable management on :15672),
#    empty rabbitmq-env.conf (/etc/rabbitmq/rabbitmq-env.conf may set NODENAME/ports).
# Start is asynchronous (boot takes a few seconds); rabbit_await waits for it.
RMQ_T0=""
rabbit_launch() {
  local dir=$TMP_ROOT/rabbitmq epmd_port dist_port cookie
  RMQ_T0=$(now_ms)
  # AMQP and distribution ports are tied to the epmd port (same offset k): epmd listens at once,
  # whereas AMQP opens only seconds later, so a concurrent run sees epmd's port taken and moves on.
  local k
  for ((k = 0; k < 100; k++)); do
    epmd_port=$((54369 + k)) RMQ_PORT=$((55672 + k)) dist_port=$((57672 + k))
    [[ "$PICKED_PORTS" == *" $epmd_port "* || "$PICKED_PORTS" == *" $RMQ_PORT "* || "$PICKED_PORTS" == *" $dist_port "* ]] && continue
    port_open "$epmd_port" || port_open "$RMQ_PORT" || port_open "$dist_port" || break
  done
  if ((k == 100)); then engine_unavailable "RabbitMQ: no free port"; RMQ_PORT=""; return 0; fi
  PICKED_PORTS+="$epmd_port $RMQ_PORT $dist_port "
  mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
  cookie=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s' "$cookie" >"$dir/home/.erlang.cookie"
  chmod 400 "$dir/home/.erlang.cookie"
  echo '[].' >"$dir/enabled_plugins"
  : >"$dir/rabbitmq-env.conf"
  cat >"$dir/rabbitmq.conf" <<'EOF'
# guest/guest is allowed from loopback (default loopback_users).
# Do not block publishers because a CI disk is nearly full.
disk_free_limit.absolute = 1MB
log.console = false
log.file.level = warning
EOF
  RMQ_ENV=(
    HOME="$dir/home"
    ERL_EPMD_PORT="$epmd_port"
    ERL_EPMD_ADDRESS=127.0.0.1
    RABBITMQ_NODENAME="$RMQ_NODE"
    RABBITMQ_USE_LONGNAME=false
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    RABBITMQ_NODE_PORT="$RMQ_PORT"
    RABBITMQ_DIST_PORT="$dist_port"
    RABBITMQ_MNESIA_BASE="$dir/mnesia"
    RABBITMQ_LOG_BASE="$dir/log"
    RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
    RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
    RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
    RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
    # distribution listener on loopback only (default is all interfaces)
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  )
  env "${RMQ_ENV[@]}" "$EPMD" -port "$epmd_port" </dev/null >"$dir/epmd.log" 2>&1 9>&- &
  EPMD_PID=$!
  local i
  for ((i = 0; i < 50; i++)); do port_open "$epmd_port" && break; sleep 0.05; done
  # Runs in the foreground (as our child): the script traps TERM and stops the node gracefully.
  env "${RMQ_ENV[@]}" "$RABBIT_BIN/rabbitmq-server" </dev/null >"$dir/server.log" 2>&1 9>&- &
  RMQ_PID=$!
}

rabbitmqctl_() { env "${RMQ_ENV[@]}" "$RABBIT_BIN/rabbitmqctl" -n "$RMQ_NODE" "$@"; }
rabbit_diag() { env "${RMQ_ENV[@]}" "$RABBIT_BIN/rabbitmq-diagnostics" -n "$RMQ_NODE" "$@"; }

rabbit_await() {
  [[ -n "$RMQ_PID" ]] || return 0
  local dir=$TMP_ROOT/rabbitmq deadline=$(($(now_ms) + 90000))
  # The AMQP listener opens late in boot, so poll it cheaply first (the CLI takes ~0.5 s per call
  # and `await_startup` fails at once if the node is not registered with epmd yet) ...
  until port_open "$RMQ_PORT"; do
    if ! proc_alive "$RMQ_PID" || (($(now_ms) > deadline)); then
      show_log "$dir/server.log"
      show_log "$dir/log/$RMQ_NODE.log"
      engine_unavailable "RabbitMQ did not start"
      rabbit_stop
      return 0
    fi
    sleep 0.1
  done
  # ... then confirm with the CLI that the application is fully booted.
  if ! rabbitmqctl_ -q await_startup -t 60 >"$dir/await.log" 2>&1; then
    show_log "$dir/await.log"
    show_log "$dir/log/$RMQ_NODE.log"
    engine_unavailable "RabbitMQ: await_startup failed"
    rabbit_stop
    return 0
  fi
  export MAISON_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$RMQ_PORT/"
  RMQ_OK=true
  log "RabbitMQ $(rabbitmqctl_ -q version 2>/dev/null || echo '?') node $RMQ_NODE on 127.0.0.1:$RMQ_PORT (ready in $(since "$RMQ_T0"))"
}

rabbit_stop() {
  if [[ -n "$RMQ_PID" ]]; then
    if proc_alive "$RMQ_PID"; then
      # shutdown = stop the node and wait for the OS process to exit
      timeout 60 env "${RMQ_ENV[@]}" "$RABBIT_BIN/rabbitmqctl" -n "$RMQ_NODE" -q shutdown >/dev/null 2>&1 || true
    fi
    # our child is the rabbitmq-server sh wrapper; TERM makes it stop beam gracefully
    wait_gone "$RMQ_PID" 10 || terminate "$RMQ_PID" 20
    local beam
    beam=$(cat "$TMP_ROOT/rabbitmq/rabbitmq.pid" 2>/dev/null || true)
    if [[ "$beam" =~ ^[0-9]+$ ]] && proc_alive "$beam"; then kill -KILL "$beam" 2>/dev/null || true; fi
    RMQ_PID="" RMQ_OK=false
  fi
  if [[ -n "$EPMD_PID" ]]; then terminate "$EPMD_PID" 5; EPMD_PID=""; fi
}

start_engines() {
  local t0
  t0=$(now_ms)
  make_tmp_root
  install_missing_engines
  lock_ports
  if have_rabbit; then rabbit_launch; else engine_unavailable "RabbitMQ is not installed"; fi
  if have_pg; then pg_start; else engine_unavailable "PostgreSQL is not installed"; fi
  if have_redis; then redis_start; else engine_unavailable "Redis is not installed"; fi
  unlock_ports
  ENGINES_LAUNCH_MS=$(($(now_ms) - t0))
}

await_engines() {
  local t0
  t0=$(now_ms)
  rabbit_await
  ENGINES_AWAIT_MS=$(($(now_ms) - t0))
}

CLEANED=false
cleanup() {
  $CLEANED && return 0
  CLEANED=true
  local t0
  t0=$(now_ms)
  remove_policy_rc
  unlock_ports
  local any=false
  [[ -n "$PG_PID$REDIS_PID$RMQ_PID$EPMD_PID" ]] && any=true
  rabbit_stop
  pg_stop
  redis_stop
  [[ -n "$TMP_ROOT" ]] && rm -rf "$TMP_ROOT"
  TMP_ROOT=""
  $any && log "engines stopped in $(since "$t0")"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ----------------------------------------------------------------------------- dry run

# dry-run check NAME COMMAND...: run a smoke check, print its (shortened) output
check() {
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then
    log "check $name: ok ($(echo "$out" | tr -s '\n ' ' ' | cut -c1-80))"
  else
    err "check $name failed: $out"
    ok=false
  fi
}

# AMQP 0-9-1 protocol header -> the broker must answer with a method frame (type 1, Connection.Start)
amqp_handshake() {
  local b
  exec 3<>"/dev/tcp/127.0.0.1/$RMQ_PORT"
  printf 'AMQP\x00\x00\x09\x01' >&3
  b=$(timeout 5 head -c 1 <&3 | od -An -tu1 | tr -d ' ')
  exec 3<&-
  [[ "$b" == 1 ]] && echo "Connection.Start received"
}

if $DRYRUN; then
  log "dry run: starting engines only"
  t_all=$(now_ms)
  start_engines
  await_engines
  log "engines up in $(since "$t_all") (PostgreSQL+Redis $((ENGINES_LAUNCH_MS))ms, then waiting for RabbitMQ $((ENGINES_AWAIT_MS))ms)"
  ok=true
  if $PG_OK; then
    check "psql postgres" "$PG_BIN/psql" -X -At -h 127.0.0.1 -p "$PG_PORT" -U postgres -c 'select 1'
    check "psql maison" "$PG_BIN/psql" -X -At -h 127.0.0.1 -p "$PG_PORT" -U maison -d maison -c "select current_user, current_setting('max_connections'), current_setting('fsync')"
  else ok=false; fi
  if $REDIS_OK; then
    check "redis ping" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping
    check "redis set/get" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" eval "redis.call('set',KEYS[1],'v'); return redis.call('get',KEYS[1])" 1 k
  else ok=false; fi
  if $RMQ_OK; then
    check "rabbitmq ping" rabbit_diag -q ping
    check "rabbitmq guest login" rabbitmqctl_ -q authenticate_user guest guest
    check "amqp handshake" amqp_handshake
  else ok=false; fi
  log "MAISON_TEST_PG=${MAISON_TEST_PG:-<unset>}"
  log "MAISON_TEST_REDIS=${MAISON_TEST_REDIS:-<unset>}"
  log "MAISON_TEST_RABBITMQ=${MAISON_TEST_RABBITMQ:-<unset>}"
  cleanup
  if $ok; then echo "dry run: all engines ok"; exit 0; else echo "dry run: engine checks FAILED"; exit 1; fi
fi

if [[ -n "${MAISON_WITH_ENGINES:-}" ]]; then
  start_engines
  await_engines
  log "engines up; running: $MAISON_WITH_ENGINES"
  set +e
  bash -c "$MAISON_WITH_ENGINES"
  rc=$?
  set -e
  cleanup
  exit "$rc"
fi

# ----------------------------------------------------------------------------- build + test runs

# Only TRX files of this run may be counted: clear the default directory, but from a directory
# given by the caller delete just old *.trx files.
if [[ -z "${MAISON_TEST_RESULTS_DIR:-}" ]]; then rm -rf "$RESULTS_DIR"; fi
mkdir -p "$RESULTS_DIR"
rm -f "$RESULTS_DIR"/*.trx
TRX_FILES=() # TRX files this run expects, in order

# Launch engines first so RabbitMQ boots while we build.
if $ENGINES; then
  start_engines
else
  warn "MAISON_TEST_ENGINES=0: no PostgreSQL/Redis/RabbitMQ, Server tests run on SQLite only"
fi

# run_tests LABEL PROJECT TRX_NAME [VAR=value...]
run_tests() {
  local label=$1 project=$2 trx=$3 rc=0 t0
  shift 3
  t0=$(now_ms)
  TRX_FILES+=("$trx")
  log "test: $label"
  env "$@" dotnet test "$project" -c Release --no-build \
    --logger "trx;LogFileName=$trx" --results-directory "$RESULTS_DIR" "${PASSTHRU[@]}" "${EXTRA_ARGS[@]}" || rc=$?
  RUN_RC["$trx"]=$rc
  log "test: $label finished with exit code $rc in $(since "$t0")"
}
declare -A RUN_RC=()
EXTRA_ARGS=()

log "build: dotnet build Maison.slnx -c Release"
t_build=$(now_ms)
if dotnet build Maison.slnx -c Release; then
  BUILD_OK=true
  log "build succeeded in $(since "$t_build")"
else
  BUILD_OK=false
  # Never run --no-build tests against stale binaries of an earlier build.
  record_failure "build failed -- no tests were run"
fi

if $BUILD_OK; then
  run_tests "Maison.Commerce.Tests" tests/Maison.Commerce.Tests commerce.trx

  $ENGINES && await_engines

  # RabbitMQ tests always run on PostgreSQL (the server refuses RabbitMQ with SQLite), as do tests of PostgreSQL-only
  # statements: with PostgreSQL available they run once, in its pass, rather than twice identically (traits
  # Engine=RabbitMQ and Engine=PostgreSQL, see TestEngines.EngineTrait).
  SQLITE_FILTER=()
  if $PG_OK && [[ " ${PASSTHRU[*]} " != *" --filter "* ]]; then SQLITE_FILTER=(--filter "Engine!=RabbitMQ&Engine!=PostgreSQL"); fi
  EXTRA_ARGS=("${SQLITE_FILTER[@]}")
  run_tests "Maison.Server.Tests (Sqlite)" tests/Maison.Server.Tests server-sqlite.trx \
    MAISON_TEST_PROVIDER=Sqlite
  EXTRA_ARGS=()
  if $PG_OK; then
    run_tests "Maison.Server.Tests (PostgreSQL)" tests/Maison.Server.Tests server-postgresql.trx \
      MAISON_TEST_PROVIDER=PostgreSQL
  elif $ENGINES; then
    if $IS_CI; then record_failure "Server tests on PostgreSQL not run: no PostgreSQL"
    else warn "Server tests on PostgreSQL skipped: no PostgreSQL"; fi
  fi
fi

# Stop engines now, so that the summary really is the last line of output.
cleanup

# ----------------------------------------------------------------------------- summary

# counter NAME <<< "<Counters .../>": value of attribute NAME, 0 if absent
counter() { sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p" | head -n 1 | grep . || echo 0; }

PASSED=0 FAILED=0
for trx in "${TRX_FILES[@]}"; do
  file=$RESULTS_DIR/$trx
  rc=${RUN_RC[$trx]:-1}
  if [[ ! -s "$file" ]]; then
    record_failure "$trx: no TRX produced (dotnet test exit code $rc)"
    continue
  fi
  counters=$(tr '\n' ' ' <"$file" | grep -o '<Counters [^>]*>' | head -n 1 || true)
  if [[ -z "$counters" ]]; then
    record_failure "$trx: no <Counters> element"
    continue
  fi
  p=$(counter passed <<<"$counters")
  # error/timeout/aborted are failures as well, just reported differently by the test host
  f=$(($(counter failed <<<"$counters") + $(counter error <<<"$counters") + $(counter timeout <<<"$counters") + $(counter aborted <<<"$counters")))
  printf '    %-24s %5d passed, %d failed  (exit code %d)\n' "$trx" "$p" "$f" "$rc"
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  # e.g. the test host crashed after some tests: the TRX may show no failure but the run failed
  if ((rc != 0 && f == 0)); then record_failure "$trx: dotnet test exited with $rc but reported no failed test"; fi
done
FAILED=$((FAILED + EXTRA_FAILED))

if ((${#WARNINGS[@]})); then
  echo "Warnings:"
  for w in "${WARNINGS[@]}"; do echo "  - $w"; done
fi
if ((${#FAIL_REASONS[@]})); then
  echo "Problems:"
  for r in "${FAIL_REASONS[@]}"; do echo "  - $r"; done
fi
((PASSED == 0)) && err "no test passed -- treating the run as failed"
echo "TRX files: $RESULTS_DIR"

echo "$PASSED passed, $FAILED failed"
if ((FAILED > 0 || PASSED == 0)); then exit 1; fi
exit 0
