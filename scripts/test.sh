#!/usr/bin/env bash
# Builds and runs every test. Tests that need Redis start their own private redis-server on a free
# loopback port and stop it; nothing needs to be running beforehand.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v redis-server >/dev/null || { echo "redis-server is missing: run 'make deps'" >&2; exit 1; }
if [ ! -d ../shared/data ]; then
    echo "note: ../shared/data is absent; tests that need the shared catalog data are skipped"
fi

swift build --build-tests
# Suites run one after another: several start real servers, decoders and child processes, and
# on a 2-core machine running them all at once starves the timing-sensitive ones (heartbeats,
# leases) of CPU. Tests inside a suite still run in parallel.
swift test --skip-build --no-parallel
