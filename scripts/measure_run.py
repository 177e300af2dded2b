#!/usr/bin/env python3
"""Runs one command and prints its wall seconds, CPU seconds and peak memory as one JSON line.

usage: scripts/measure_run.py [--interval 0.05] [--out FILE] -- COMMAND [ARG...]

- wall: seconds from start to exit;
- cpu: user + system seconds of the command and every descendant it waited for (wait4);
- peak_rss_mib: the highest sum of resident memory over the whole process tree, sampled every
  `--interval` seconds from /proc (a Python peer with worker processes counts all of them);
- max_rss_mib: the largest single process's peak (the kernel's ru_maxrss), exact but per process.
- load: the 1-minute load average at the start and at the end (other work on the machine).

The command's stdout and stderr go to `--stdout` / `--stderr` files (default: discarded).
Exit status: the command's.
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time


def tree_rss_kib(root: int) -> int:
    """Sum of VmRSS over `root` and its descendants (processes that vanish mid-read are skipped)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        pid = int(name)
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
            with open(f"/proc/{pid}/statm", "rb") as f:
                pages = int(f.read().split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(pid)
        rss[pid] = pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--interval", type=float, default=0.05)
    ap.add_argument("--stdout", default=os.devnull)
    ap.add_argument("--stderr", default=os.devnull)
    ap.add_argument("--out", help="also write the JSON line to this file")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    command = a.command[1:] if a.command[:1] == ["--"] else a.command
    if not command:
        ap.error("no command given")
    load_start = os.getloadavg()[0]
    started = time.monotonic()
    with open(a.stdout, "wb") as out, open(a.stderr, "wb") as err:
        proc = subprocess.Popen(command, stdout=out, stderr=err)
        peak = [0]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], tree_rss_kib(proc.pid))
                done.wait(a.interval)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - started
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    result = {
        "wall": round(wall, 2), "cpu": round(cpu, 2), "cpu_per_wall": round(cpu / max(wall, 1e-9), 2),
        "peak_rss_mib": round(peak[0] / 1024), "max_rss_mib": round(usage.ru_maxrss / 1024),
        "load": [round(load_start, 2), round(os.getloadavg()[0], 2)], "exit": proc.returncode,
    }
    line = json.dumps(result)
    print(line)
    if a.out:
        with open(a.out, "w") as f:
            f.write(line + "\n")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
