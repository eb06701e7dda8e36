#!/usr/bin/env python3
"""The plumbing floor: what one message costs a server process on this machine before any work.

Starts, on loopback ports of their own, `plumbing-bench` (a SwiftNIO TCP echo server: the least a
NIO process of the stack can do per message) and a private `redis-server`, then sends each of them
round trips one after another from 1 and from 4 client connections, and prints the server's CPU
(utime + stime from /proc/PID/stat) per round trip. A turn crosses each process of the stack a
few times (docs/performance.md, "The plumbing floor"); these figures times those crossings are
what the stack's architecture costs on this machine whatever the code does with the bytes.

    swift build -c release --product plumbing-bench
    scripts/plumbing-floor.py [--round-trips 20000] [--clients 1,4]

Needs redis-server (`make deps` installs it). Traffic goes to 127.0.0.1 only; every loop is bounded.
"""
import argparse
import os
import socket
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ECHO_BINARY = os.path.join(ROOT, ".build", "release", "plumbing-bench")
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def wait_for_port(port, process, what):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{what} exited with status {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"{what} did not listen on 127.0.0.1:{port} within 20 s")


def round_trips(port, request, reply_length, count):
    """Sends `request` and reads `reply_length` bytes back, `count` times, on one connection."""
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for _ in range(count):
            connection.sendall(request)
            received = 0
            while received < reply_length:
                chunk = connection.recv(65536)
                if not chunk:
                    raise ConnectionError("the server closed the connection")
                received += len(chunk)


def measure(pid, port, request, reply_length, clients, count):
    """Server CPU microseconds per round trip, and round trips per second, over `clients` connections."""
    round_trips(port, request, reply_length, 500)  # warm up
    threads = [threading.Thread(target=round_trips, args=(port, request, reply_length, count)) for _ in range(clients)]
    before, started = cpu_ticks(pid), time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed, after = time.monotonic() - started, cpu_ticks(pid)
    total = clients * count
    return (after - before) * 1e6 / TICKS_PER_SECOND / total, total / elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--round-trips", type=int, default=20000, help="per client connection (default 20000)")
    parser.add_argument("--clients", default="1,4", help="client connections, comma-separated (default 1,4)")
    args = parser.parse_args()
    if not 100 <= args.round_trips <= 10_000_000:
        sys.exit("--round-trips must be between 100 and 10000000")
    try:
        client_counts = [int(part) for part in args.clients.split(",")]
    except ValueError:
        sys.exit("--clients must be comma-separated numbers, e.g. 1,4")
    if not all(1 <= count <= 64 for count in client_counts):
        sys.exit("--clients must be between 1 and 64 each")
    if not os.access(ECHO_BINARY, os.X_OK):
        sys.exit(f"{ECHO_BINARY} is missing: swift build -c release --product plumbing-bench")

    echo_port, redis_port = free_port(), free_port()
    echo = subprocess.Popen([ECHO_BINARY, str(echo_port), "1"], stdout=subprocess.DEVNULL)
    redis = subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no", "--loglevel", "warning"], stdout=subprocess.DEVNULL)
    try:
        wait_for_port(echo_port, echo, "plumbing-bench")
        wait_for_port(redis_port, redis, "redis-server")
        message = b"x" * 200
        servers = [
            ("SwiftNIO echo, 200 bytes (plumbing-bench)", echo.pid, echo_port, message, len(message)),
            ("redis-server PING", redis.pid, redis_port, b"*1\r\n$4\r\nPING\r\n", len(b"+PONG\r\n")),
        ]
        print(f"{time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}, {args.round_trips} round trips per client, "
              f"load average {os.getloadavg()[0]:.2f}")
        print(f"{'server':44s} {'clients':>7s} {'CPU per round trip':>19s} {'round trips/s':>14s}")
        for name, pid, port, request, reply_length in servers:
            for clients in client_counts:
                cpu, rate = measure(pid, port, request, reply_length, clients, args.round_trips)
                print(f"{name:44s} {clients:7d} {cpu:16.1f} µs {rate:14.0f}")
    finally:
        for process in (echo, redis):
            process.terminate()
        for process in (echo, redis):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
