#!/usr/bin/env bash
# Gateway benchmarks (release build, loopback only): idle connections held with heartbeats and the
# gateway's RSS per connection, connection setup rate, ack latency at 200 concurrent clients.
# Usage: scripts/bench-gateway.sh [IDLE_CONNECTIONS]   (default: as many as the fd limit allows)
set -euo pipefail
cd "$(dirname "$0")/.."

# One product per invocation: given twice, `--product` builds only the last one.
swift build -c release --product gateway
swift build -c release --product gateway-bench
BIN=.build/release
WORK=$(mktemp -d)
REDIS_PORT=${REDIS_PORT:-6391}
PORT=${GATEWAY_PORT:-8089}

# Each loopback connection costs the gateway one descriptor: raise the soft limit to the hard one.
ulimit -n "$(ulimit -Hn)" || true
LIMIT=$(ulimit -n)
IDLE=${1:-$(( LIMIT > 51000 ? 50000 : LIMIT - 1000 ))}

pids=()
cleanup() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    --loglevel warning >"$WORK/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.05; done

REDIS_URL="redis://127.0.0.1:$REDIS_PORT" GATEWAY_PORT=$PORT LOG_LEVEL=warning \
    HEARTBEAT_INTERVAL_S=${HEARTBEAT_INTERVAL_S:-5} \
    GATEWAY_MAX_CONNECTIONS=200000 GATEWAY_MAX_CONNECTIONS_PER_USER=100000 \
    GATEWAY_CONNECT_RATE=1000000 GATEWAY_CONNECT_BURST=1000000 \
    GATEWAY_MESSAGE_RATE=100000 GATEWAY_MESSAGE_BURST=100000 \
    GATEWAY_USER_MESSAGE_RATE=100000 GATEWAY_USER_MESSAGE_BURST=100000 \
    "$BIN/gateway" >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
pids+=($GATEWAY_PID)
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done

echo "== date: $(date -u)  fd limit: $LIMIT  build: release"
echo "== ack latency: 200 clients x 50 messages, each client sends its next message as soon as it has the ack (closed loop, saturating)"
"$BIN/gateway-bench" ack --port "$PORT" --clients 200 --messages 50
echo "== ack latency: 200 clients x 50 messages, each client one message every 200 ms (about 1000 msg/s)"
"$BIN/gateway-bench" ack --port "$PORT" --clients 200 --messages 50 --interval-ms 200
echo "== connection setup rate: 5000 upgrades, concurrency 64"
"$BIN/gateway-bench" connect --port "$PORT" --connections 5000 --concurrency 64
echo "== idle: $IDLE connections from 8 source addresses, held 12 s (heartbeat ${HEARTBEAT_INTERVAL_S:-5} s)"
"$BIN/gateway-bench" idle --port "$PORT" --pid "$GATEWAY_PID" --connections "$IDLE" --sources 8 --hold 12
