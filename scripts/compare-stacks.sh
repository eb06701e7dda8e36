#!/usr/bin/env bash
# Runs two builds of the whole stack at the same time, each with its own Redis, ports and load
# generator, and prints each one's turns and server CPU per turn (utime + stime from
# /proc/PID/stat of its own processes, Redis included). On a shared machine whose speed drifts
# from minute to minute, two stacks measured side by side see the same drift, so their ratio
# holds where alternating runs do not. Run it both ways round (A B, then B A).
#
#   scripts/compare-stacks.sh DIR_A DIR_B [USERS] [SECONDS]
#
# DIR_A and DIR_B hold release binaries (gateway, orchestrator, catalog-service, media-service),
# e.g. copies of .build/release from two commits. A uses the usual ports (8080…, Redis 6390),
# B the same plus 100 (8180…, Redis 6490) and a catalog database of its own. ENV_A and ENV_B add
# settings to one stack (ENV_B="REDIS_TRANSPORT=tcp" with DIR_B = DIR_A compares two settings;
# a build older than the services' Unix sockets, c968d19, needs SERVICE_TRANSPORT=tcp).
# BY_PROCESS=1 adds each process's CPU per turn (gateway, orchestrators, catalog, Redis, …).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 2 ]; then
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
A=$1 B=$2 USERS=${3:-10} SECONDS_MEASURED=${4:-15}
LOADGEN=.build/release/loadgen
WORK=$(mktemp -d)
STACKS=()

cleanup() {
    for stack in "${STACKS[@]}"; do kill -TERM -- "-$stack" 2>/dev/null || true; done
    for stack in "${STACKS[@]}"; do
        for _ in $(seq 1 100); do kill -0 -- "-$stack" 2>/dev/null || break; sleep 0.1; done
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

limits="GATEWAY_MESSAGE_RATE=100000 GATEWAY_USER_MESSAGE_RATE=100000 GATEWAY_MESSAGE_BURST=100000"
limits+=" GATEWAY_USER_MESSAGE_BURST=100000 GATEWAY_RATE_LIMIT_STRIKES=10000 LOG_LEVEL=warning"

# start_stack DIR OFFSET: the stack of DIR on ports shifted by OFFSET, in a process group of its own.
start_stack() {
    local offset=$2
    env $limits $3 STACK_BIN="$1" REDIS_PORT=$((6390 + offset)) GATEWAY_PORT=$((8080 + offset)) \
        CATALOG_PORT=$((8081 + offset)) MEDIA_PORT=$((8082 + offset)) \
        ORCHESTRATOR_PORTS="$((9091 + offset)) $((9092 + offset))" \
        CATALOG_DB_PATH="$WORK/catalog-$offset.sqlite" \
        setsid scripts/run-stack.sh >"$WORK/stack-$offset.log" 2>&1 &
    STACKS+=($!)
}

# pids OFFSET: the processes listening on the stack's ports.
pids() {
    local offset=$1 port
    for port in $((8080 + offset)) $((8081 + offset)) $((9091 + offset)) $((9092 + offset)) $((6390 + offset)); do
        ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2
    done
}

# cpu_ticks PID...: their CPU so far, in clock ticks.
cpu_ticks() {
    local total=0 pid
    for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
    echo "$total"
}

# process_ticks PID...: "PID NAME TICKS" per process, for the breakdown by process.
process_ticks() {
    local pid
    for pid in "$@"; do awk -v pid="$pid" '{print pid, $2, $14 + $15}' "/proc/$pid/stat"; done
}

start_stack "$A" 0 "${ENV_A:-}"
start_stack "$B" 100 "${ENV_B:-}"
for _ in $(seq 1 600); do
    curl -sf localhost:8080/ready >/dev/null && curl -sf localhost:8180/ready >/dev/null && break
    sleep 0.2
done
curl -sf localhost:8080/ready >/dev/null && curl -sf localhost:8180/ready >/dev/null || {
    echo "a stack did not start; its log:" >&2
    tail -n 20 "$WORK"/stack-*.log >&2
    exit 1
}
PIDS_A=$(pids 0) PIDS_B=$(pids 100)

warmup=2
"$LOADGEN" --url ws://127.0.0.1:8080/ws/chat --users "$USERS" --duration "$SECONDS_MEASURED" --warmup $warmup \
    >"$WORK/load-a.txt" 2>&1 &
load_a=$!
"$LOADGEN" --url ws://127.0.0.1:8180/ws/chat --users "$USERS" --duration "$SECONDS_MEASURED" --warmup $warmup \
    >"$WORK/load-b.txt" 2>&1 &
load_b=$!
sleep $warmup  # the load generators' warm-up: their measured window starts now, and so does ours
a0=$(cpu_ticks $PIDS_A) b0=$(cpu_ticks $PIDS_B)
by_process_before=$(process_ticks $PIDS_A $PIDS_B)
sleep "$SECONDS_MEASURED"
a1=$(cpu_ticks $PIDS_A) b1=$(cpu_ticks $PIDS_B)
by_process_after=$(process_ticks $PIDS_A $PIDS_B)
wait $load_a $load_b

ticks=$(getconf CLK_TCK)
report() {  # report NAME LOADFILE TICKS
    local turns failed p99
    turns=$(grep -oE '^turns [0-9]+' "$2" | awk '{print $2}')
    failed=$(grep -oE '[0-9]+ failed' "$2" | awk '{print $1}')
    p99=$(grep '^done' "$2" | grep -oE 'p99 +[0-9.]+ ms' | tr -s ' ')
    awk -v name="$1" -v turns="$turns" -v failed="$failed" -v p99="$p99" -v ticks="$3" -v hz="$ticks" \
        'BEGIN { printf "%-40s %6d turns (%d failed), done %s, %.3f ms of CPU per turn\n", name, turns, failed, p99, ticks * 1000 / hz / turns }'
}
echo "$(date -u +%H:%M:%S) UTC, $USERS users per stack, ${SECONDS_MEASURED} s"
report "A $A" "$WORK/load-a.txt" $((a1 - a0))
report "B $B" "$WORK/load-b.txt" $((b1 - b0))
if [ -n "${BY_PROCESS:-}" ]; then  # each process's CPU per turn of its stack, e.g. BY_PROCESS=1
    turns_a=$(grep -oE '^turns [0-9]+' "$WORK/load-a.txt" | awk '{print $2}')
    turns_b=$(grep -oE '^turns [0-9]+' "$WORK/load-b.txt" | awk '{print $2}')
    for stack in A B; do
        pids=$PIDS_A turns=$turns_a
        [ "$stack" = B ] && pids=$PIDS_B turns=$turns_b
        awk -v stack="$stack" -v pids=" $(echo $pids) " -v turns="$turns" -v hz="$ticks" '
            NR == FNR { before[$1] = $3; next }
            index(pids, " " $1 " ") { ms[$2] += ($3 - before[$1]) * 1000 / hz / turns }
            END { printf "  %s by process (ms per turn):", stack; for (name in ms) printf " %s %.3f", name, ms[name]; print "" }
        ' <(echo "$by_process_before") <(echo "$by_process_after")
    done
fi
