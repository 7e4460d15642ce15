# Starts the services the tests need on loopback, each on a free port, and exports where they are.
# Sourced by test.sh (and by anyone who wants the same services for a debugging session).
# Expects ROOT (the repository) and SERVICES (a scratch folder) to be set.

log() { printf '\n== %s\n' "$*"; }
PIDS=()
STOP=()
cleanup() {
  for cmd in "${STOP[@]:-}"; do [ -n "$cmd" ] && eval "$cmd" >/dev/null 2>&1 || true; done
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

need_debian_package() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing $2 from Debian's packages"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "$2" >/dev/null
}

wait_for_port() { # port name pid
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "$2 exited before it listened on port $1"; return 1; }
    sleep 0.2
  done
  echo "$2 did not listen on port $1 in 20 s"; return 1
}

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

start_s3() {
  need_debian_package node nodejs
  need_debian_package npm npm
  log "starting an S3-compatible server (@20minutes/s3rver) on loopback"
  (cd tests/services/s3 && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  local port; port=$(free_port)
  rm -rf "$SERVICES/s3-data"
  node tests/services/s3/server.js "$port" "$SERVICES/s3-data" orchestrated-test >"$SERVICES/s3.log" 2>&1 &
  PIDS+=($!)
  wait_for_port "$port" "the S3 server" "$!"
  export ORCHESTRATED_TEST_S3_ENDPOINT="http://127.0.0.1:$port"
  export ORCHESTRATED_TEST_S3_BUCKET=orchestrated-test
  echo "S3 API at $ORCHESTRATED_TEST_S3_ENDPOINT"
}

# PostgreSQL 15 from the machine (Debian's postgresql package): a throwaway cluster on a free loopback port.
start_postgres() {
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ]; then need_debian_package /usr/lib/postgresql postgresql; bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); fi
  log "starting PostgreSQL ($bin) on loopback"
  local port; port=$(free_port)
  local dir="$SERVICES/postgres"
  rm -rf "$dir"; mkdir -p "$dir"
  local as=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; as=(runuser -u postgres --); fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >"$SERVICES/postgres-init.log" 2>&1
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -o "-k $dir -c listen_addresses=127.0.0.1 -p $port -c fsync=off -c max_connections=200" -w start >/dev/null
  STOP+=("${as[*]} $bin/pg_ctl -D $dir/data -m immediate stop")
  export ORCHESTRATED_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL at 127.0.0.1:$port"
}

# RabbitMQ from Debian's packages, run from /usr/lib/rabbitmq/bin with its own home, node, epmd and ports, so it
# works as root (the /usr/sbin wrappers switch users) and never meets another broker on the machine.
#   start_rabbitmq [name] [variable]: a node of that name (default rabbitmq); its address goes to the variable (default
#   ORCHESTRATED_TEST_RABBITMQ) and a rabbitmqctl for it to the variable's name + CTL.
start_rabbitmq() {
  local name=${1:-rabbitmq} variable=${2:-ORCHESTRATED_TEST_RABBITMQ}
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need_debian_package /usr/lib/rabbitmq/bin/rabbitmq-server rabbitmq-server
  log "starting RabbitMQ ($name) on loopback"
  local dir="$SERVICES/$name"
  rm -rf "$dir"; mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
  local port epmd dist
  port=$(free_port); epmd=$(free_port); dist=$(free_port)
  printf 'listeners.tcp.default = 127.0.0.1:%s\nloopback_users = none\n' "$port" >"$dir/rabbitmq.conf"
  echo '[].' >"$dir/enabled_plugins"
  cat >"$dir/env.sh" <<ENV
export HOME="$dir/home" RABBITMQ_NODENAME=$name@localhost RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log"
export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_CONFIG_FILE="$dir/rabbitmq" RABBITMQ_DIST_PORT=$dist
export ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$epmd
ENV
  printf '#!/usr/bin/env bash\n. "%s/env.sh"\nexec /usr/lib/rabbitmq/bin/rabbitmqctl "$@"\n' "$dir" >"$dir/rabbitmqctl"
  chmod +x "$dir/rabbitmqctl"
  ( . "$dir/env.sh"; exec /usr/lib/rabbitmq/bin/rabbitmq-server ) >"$dir/server.log" 2>&1 &
  PIDS+=($!)
  STOP+=("$dir/rabbitmqctl stop")
  # The node registers with epmd a moment after it starts; until then the CLI says "not running".
  local started=
  for _ in $(seq 1 60); do
    if "$dir/rabbitmqctl" -q await_startup --timeout 60 >/dev/null 2>&1; then started=1; break; fi
    kill -0 "$!" 2>/dev/null || break
    sleep 1
  done
  [ -n "$started" ] || { echo "RabbitMQ did not start; its log:"; tail -20 "$dir/server.log"; return 1; }
  export "$variable=127.0.0.1:$port" "${variable}CTL=$dir/rabbitmqctl"
  echo "RabbitMQ ($name) at 127.0.0.1:$port"
}


# Redocly's OpenAPI linter from npm (pinned in its package-lock.json), for the test that lints the server's document.
need_openapi_linter() {
  need_debian_package node nodejs
  need_debian_package npm npm
  log "installing the OpenAPI linter (@redocly/cli)"
  (cd tests/services/openapi-lint && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  export ORCHESTRATED_TEST_OPENAPI_LINT="$ROOT/tests/services/openapi-lint"
}

# Debian's chromium for the browser tests (Playwright drives it through ExecutablePath).
need_chromium() {
  [ -x /usr/bin/chromium ] || need_debian_package /usr/bin/chromium chromium
  export ORCHESTRATED_TEST_CHROMIUM=/usr/bin/chromium
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
}
