#!/usr/bin/env bash
# Starts the whole stack from the release build: a private Redis, the catalog and media services,
# the gateway and two orchestrator workers. A process that dies (kill -9 one to watch the others
# recover its turns) is restarted after a second, as a container scheduler would. Ctrl-C stops
# everything.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${STACK_BIN:-.build/release}  # STACK_BIN: run other builds (an A/B of two commits)
RUN_DIR=run
REDIS_PORT=${REDIS_PORT:-6390}
GATEWAY_PORT=${GATEWAY_PORT:-8080}
CATALOG_PORT=${CATALOG_PORT:-8081}
MEDIA_PORT=${MEDIA_PORT:-8082}
ORCHESTRATOR_PORTS=(${ORCHESTRATOR_PORTS:-9091 9092})
mkdir -p "$RUN_DIR"

socket_path() {  # socket_path NAME: where this stack's socket NAME lives
    local path="$PWD/$RUN_DIR/$1.sock"
    # A socket's path has at most 107 bytes: a clone deep in the tree puts it in the temporary folder.
    [ ${#path} -le 100 ] || path="${TMPDIR:-/tmp}/product-search-$1.sock"
    echo "$path"
}
percent_encoded() {  # percent_encoded TEXT: TEXT with every byte but [A-Za-z0-9._~-] as %XX
    local text=$1 out="" char i
    local LC_ALL=C
    for (( i = 0; i < ${#text}; i++ )); do
        char=${text:i:1}
        case "$char" in [A-Za-z0-9._~-]) out+=$char ;; *) printf -v char '%%%02X' "'$char"; out+=$char ;; esac
    done
    echo "$out"
}

# REDIS_TRANSPORT: `unix` (the default) has every process on this machine reach Redis through a
# Unix socket, which costs the kernel far less per message than loopback TCP; `tcp` uses the port,
# as processes on other machines must. Redis listens on both either way.
REDIS_TRANSPORT=${REDIS_TRANSPORT:-unix}
REDIS_SOCKET=$(socket_path "redis-${REDIS_PORT}")
case "$REDIS_TRANSPORT" in
    unix) export REDIS_URL="unix://${REDIS_SOCKET}" ;;
    tcp) export REDIS_URL="redis://127.0.0.1:${REDIS_PORT}" ;;
    *) echo "REDIS_TRANSPORT must be unix or tcp, not '$REDIS_TRANSPORT'" >&2; exit 2 ;;
esac
# SERVICE_TRANSPORT: the same choice for the workers' HTTP calls to the catalog and media services,
# which listen on their ports and, with `unix` (the default), on a Unix socket as well.
SERVICE_TRANSPORT=${SERVICE_TRANSPORT:-unix}
case "$SERVICE_TRANSPORT" in
    unix)
        export CATALOG_SOCKET=$(socket_path "catalog-${CATALOG_PORT}") MEDIA_SOCKET=$(socket_path "media-${MEDIA_PORT}")
        export CATALOG_SERVICE_URL="http+unix://$(percent_encoded "$CATALOG_SOCKET")"
        export MEDIA_SERVICE_URL="http+unix://$(percent_encoded "$MEDIA_SOCKET")" ;;
    tcp)
        export CATALOG_SERVICE_URL="http://127.0.0.1:${CATALOG_PORT}" MEDIA_SERVICE_URL="http://127.0.0.1:${MEDIA_PORT}" ;;
    *) echo "SERVICE_TRANSPORT must be unix or tcp, not '$SERVICE_TRANSPORT'" >&2; exit 2 ;;
esac

pids=()
stop_all() {
    trap - INT TERM EXIT
    echo
    echo "stopping..."
    # Reverse order: the edge first, Redis last.
    for (( i=${#pids[@]}-1; i>=0; i-- )); do kill -TERM "${pids[i]}" 2>/dev/null || true; done
    wait 2>/dev/null || true
    echo "stopped"
}
trap stop_all INT TERM EXIT

start() {  # start NAME COMMAND...: run it under a small supervisor that restarts it if it dies
    local name=$1; shift
    (
        child=0
        trap 'kill -TERM $child 2>/dev/null; wait $child 2>/dev/null; exit 0' TERM INT
        while :; do
            "$@" >>"$RUN_DIR/$name.log" 2>&1 &
            child=$!
            status=0
            wait $child || status=$?
            echo "$(date -u +%T) $name exited with status $status; restarting in 1 s" >&2
            sleep 1
        done
    ) &
    pids+=($!)
    echo "  $name → $RUN_DIR/$name.log"
}

wait_for_http() {  # wait_for_http NAME URL
    for _ in $(seq 1 100); do
        curl -fs "$2" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "$1 did not answer at $2; see $RUN_DIR/$1.log" >&2
    exit 1
}

echo "starting the stack:"
start redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --unixsocket "$REDIS_SOCKET" --unixsocketperm 700 \
    --save "" --appendonly no --dir "$RUN_DIR"
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
# Every process here shares the machine's cores, so the catalog and the gateway run one event loop
# each, as the workers do below (NIO's default is one loop per core, for a process with cores of its
# own): a second loop only adds thread wake-ups and hops between them, 3 % of the stack's CPU per
# turn at 10 users (docs/performance.md, round 19). CATALOG_EVENT_LOOPS and GATEWAY_EVENT_LOOPS give
# them more.
NIO_SINGLETON_GROUP_LOOP_COUNT=${CATALOG_EVENT_LOOPS:-1} CATALOG_PORT=$CATALOG_PORT \
    start catalog-service "$BIN/catalog-service"
wait_for_http catalog-service "http://127.0.0.1:${CATALOG_PORT}/health"
MEDIA_PORT=$MEDIA_PORT start media-service "$BIN/media-service"
wait_for_http media-service "http://127.0.0.1:${MEDIA_PORT}/health"
# Each worker process runs its sessions on one event loop (NIO_SINGLETON_GROUP_LOOP_COUNT), as the
# figures in docs/performance.md were measured: two workers for two cores. ORCHESTRATOR_EVENT_LOOPS
# gives each more (a worker spreads its sessions over all its loops).
for index in "${!ORCHESTRATOR_PORTS[@]}"; do
    port=${ORCHESTRATOR_PORTS[$index]}
    NIO_SINGLETON_GROUP_LOOP_COUNT=${ORCHESTRATOR_EVENT_LOOPS:-1} \
        INSTANCE_ID="orchestrator-$((index + 1))" ORCHESTRATOR_PORT=$port start "orchestrator-$((index + 1))" "$BIN/orchestrator"
    wait_for_http "orchestrator-$((index + 1))" "http://127.0.0.1:${port}/health"
done
NIO_SINGLETON_GROUP_LOOP_COUNT=${GATEWAY_EVENT_LOOPS:-1} GATEWAY_PORT=$GATEWAY_PORT start gateway "$BIN/gateway"
wait_for_http gateway "http://127.0.0.1:${GATEWAY_PORT}/health"

cat <<INFO

The stack is up.
  chat page     http://127.0.0.1:${GATEWAY_PORT}/
  WebSocket     ws://127.0.0.1:${GATEWAY_PORT}/ws/chat?user_id=you   (dev auth mode)
  catalog       http://127.0.0.1:${CATALOG_PORT}/health
  media         http://127.0.0.1:${MEDIA_PORT}/health
  redis         ${REDIS_URL}
  workers call  ${CATALOG_SERVICE_URL} and ${MEDIA_SERVICE_URL}
Logs are in ${RUN_DIR}/. Press Ctrl-C to stop everything.
INFO
wait
