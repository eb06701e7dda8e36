#!/usr/bin/env python3
"""Counts the instructions Redis executes for the Lua scripts of one turn, under callgrind.

CPU time on a shared machine drifts by a third from minute to minute; an instruction count does
not. This captures the scripts of a real turn from a running stack (MONITOR while `loadgen` runs
one user for a second), then replays that turn's scripts for fresh sessions against a private
`redis-server` run under valgrind's callgrind, and prints the instructions Redis spent per turn in
command execution (network reads and writes are not counted), with the functions that cost most.

    scripts/redis-turn-cost.py [--redis-port 6390] [--turns 2000]

It needs a running stack (`make run`, or scripts/run-stack.sh with the gateway's rate limits lifted)
and valgrind (`apt-get install valgrind`). The scripts replayed are the ones in the sources (each
checked against the SHA1 that the stack ran): change a script's Lua, keep its arguments, and run
it again to see what the change saves. Only the first turn of a session is replayed (each replay
makes a new session), so a script's work on a long history is not in the figure.
"""
import argparse
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT_SOURCES = ["Sources/Gateway/Turns/TurnQueue.swift", "Sources/Orchestrator/Turns/SessionQueue.swift",
                  "Sources/Shared/Sessions/SessionEventLog.swift"]


class Redis:
    """A minimal RESP client: enough to send commands and read their replies."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.file = self.sock.makefile("rb")

    @staticmethod
    def encode(args):
        out = [b"*%d\r\n" % len(args)]
        for arg in args:
            arg = arg if isinstance(arg, bytes) else str(arg).encode()
            out.append(b"$%d\r\n%s\r\n" % (len(arg), arg))
        return b"".join(out)

    def send(self, commands):
        self.sock.sendall(b"".join(self.encode(c) for c in commands))

    def reply(self):
        line = self.file.readline()
        if not line:
            raise ConnectionError("redis closed the connection")
        kind, rest = line[:1], line[1:-2]
        if kind == b"$":
            size = int(rest)
            return None if size < 0 else self.file.read(size + 2)[:-2]
        if kind == b"*":
            size = int(rest)
            return None if size < 0 else [self.reply() for _ in range(size)]
        if kind == b"-":
            return RuntimeError(rest.decode(errors="replace"))
        return rest

    def call(self, *args):
        self.send([args])
        return self.reply()


def lua_scripts():
    """Every `RedisScript(\"\"\"...\"\"\")` body in the sources, as Redis receives it, by SHA1."""
    scripts = {}
    for path in SCRIPT_SOURCES:
        text = open(os.path.join(ROOT, path), encoding="utf-8").read()
        for match in re.finditer(r'RedisScript\("""\n(.*?)\n\s*"""\)', text, re.S):
            lines = match.group(1).split("\n")
            indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
            body = "\n".join(line[indent:] for line in lines).replace("\\\\", "\\").encode()
            scripts[hashlib.sha1(body).hexdigest().encode()] = body
    return scripts


def unescape(text):
    """MONITOR's quoting of an argument (sdscatrepr) undone."""
    out, index = bytearray(), 0
    simple = {"n": 10, "r": 13, "t": 9, "a": 7, "b": 8, "\\": 92, '"': 34}
    while index < len(text):
        char = text[index]
        if char == "\\" and text[index + 1] in simple:
            out.append(simple[text[index + 1]])
            index += 2
        elif char == "\\" and text[index + 1] == "x":
            out.append(int(text[index + 2:index + 4], 16))
            index += 4
        else:
            out += char.encode("utf-8", "surrogateescape")
            index += 1
    return bytes(out)


def capture_first_turn(port):
    """The EVALSHA calls of the first turn of the first session `loadgen` opens, in order."""
    monitor = Redis(port)
    monitor.send([["MONITOR"]])
    monitor.reply()
    loadgen = os.path.join(ROOT, ".build/release/loadgen")
    gateway_port = os.environ.get("GATEWAY_PORT", "8080")
    subprocess.run([loadgen, "--url", f"ws://127.0.0.1:{gateway_port}/ws/chat", "--users", "1",
                    "--duration", "1", "--warmup", "0"], check=True, stdout=subprocess.DEVNULL)
    calls, session = [], None
    monitor.sock.settimeout(2)
    deadline = time.monotonic() + 10
    try:
        while len(calls) < 4 and time.monotonic() < deadline:
            line = monitor.file.readline().decode("utf-8", "surrogateescape")
            match = re.match(r"^\+?[\d.]+ \[\d+ [^\]]+\] (.*)$", line.rstrip("\r\n"))
            if not match:
                continue
            args = [unescape(a) for a in re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1))]
            if args[0].upper() != b"EVALSHA":
                continue
            found = re.search(rb"session:\{(s_[0-9a-f]+)\}", b" ".join(args))
            if found and session is None:
                session = found.group(1)
            if found and found.group(1) == session:
                calls.append(args)
    except socket.timeout:
        pass
    if len(calls) < 4:
        sys.exit(f"captured {len(calls)} scripts of a turn, expected 4 (enqueue, acquire, commit, finish)")
    return calls, session


def replay(calls, session, scripts, turns, port):
    """Sends `turns` copies of the turn, each with its own session and turn ids."""
    turn_ids = sorted(set(re.findall(rb"t_[0-9a-f]{24}", b" ".join(b" ".join(c) for c in calls))))
    redis = Redis(port)
    for sha in {c[1] for c in calls}:
        if sha not in scripts:
            sys.exit(f"script {sha.decode()} of the stack is not in the sources (rebuild and restart the stack)")
        loaded = redis.call("SCRIPT", "LOAD", scripts[sha])
        assert loaded == sha, (loaded, sha)
    batch, last = [], None
    for number in range(turns):
        for call in calls:
            args = [a.replace(session, b"s_%024x" % number) for a in call]
            for index, turn_id in enumerate(turn_ids):
                args = [a.replace(turn_id, b"t_%022x%02x" % (number, index)) for a in args]
            batch.append(args)
        if len(batch) >= 400 or number == turns - 1:
            redis.send(batch)
            for _ in batch:
                last = redis.reply()
                if isinstance(last, RuntimeError):
                    sys.exit(f"a replayed script failed: {last}")
            batch = []


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--redis-port", type=int, default=6390, help="the running stack's Redis (TCP port)")
    parser.add_argument("--turns", type=int, default=2000, help="turns to replay under callgrind")
    options = parser.parse_args()
    for tool in ("valgrind", "callgrind_annotate", "redis-server"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: apt-get install valgrind redis-server")

    calls, session = capture_first_turn(options.redis_port)
    scripts = lua_scripts()
    work = tempfile.mkdtemp()
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    profile = os.path.join(work, "callgrind.out")
    server = subprocess.Popen(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}", "--collect-atstart=no",
         "--toggle-collect=processCommand", shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
         "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                Redis(port).call("PING")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("redis-server under valgrind did not start")
                time.sleep(0.2)
        replay(calls, session, scripts, options.turns, port)
        Redis(port).send([["SHUTDOWN", "NOSAVE"]])
        server.wait(timeout=120)
    finally:
        if server.poll() is None:
            server.kill()
    report = subprocess.run(["callgrind_annotate", "--inclusive=yes", profile], capture_output=True, text=True).stdout
    total = int(re.search(r"([\d,]+) +\(100\.0%\) +PROGRAM TOTALS", report).group(1).replace(",", ""))
    sizes = ", ".join(f"{c[1][:8].decode()} {sum(map(len, c)) / 1024:.1f} KB" for c in calls)
    print(f"scripts of one turn (enqueue, acquire, commit, finish): {sizes}")
    print(f"redis command execution: {total / options.turns:,.0f} instructions per turn ({options.turns} turns replayed)")
    print("named functions with the most instructions (inclusive, share of the total):")
    shown = 0
    for line in report.splitlines():
        match = re.match(r"\s*([\d,]+) \(\s*([\d.]+)%\)\s+\?\?\?:([A-Za-z_]\w*)(?:'\d+)? ", line)
        if match and match.group(3) not in ("main", "aeMain", "processCommand", "processInputBuffer",
                                            "readQueryFromClient", "call", "evalShaCommand", "evalGenericCommand",
                                            "luaCallFunction", "lua_pcall"):
            print(f"  {float(match.group(2)):5.1f} %  {match.group(3)}")
            shown += 1
            if shown == 12:
                break
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
