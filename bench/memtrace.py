"""Where a command's memory is: run it and sample every process of its tree twice a second.

Each line: seconds since the start, the RSS and PSS summed over the tree (MB), then each
process's pid:RSS/PSS; the last line the peak. Linux only (``/proc``). Used for the 100k
memory trace of docs/speed.md, stop 24:

    python bench/memtrace.py termx extract CORPUS.tsv -o out.tsv --jobs 2 --quiet > trace.txt
"""

from __future__ import annotations

import os
import subprocess
import sys
import time


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                for child in children.read().split():
                    found += tree(int(child))
    except OSError:
        pass  # the process has exited meanwhile
    return found


def memory(pid: int) -> tuple[int, int]:
    """RSS and PSS of ``pid`` in MB (0, 0 once it has exited)."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) // 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) // 1024
    except OSError:
        pass
    return rss, pss


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip())
        return 2
    process = subprocess.Popen(argv)
    start, peak = time.time(), (0, 0)
    while process.poll() is None:
        rows = [(pid, *memory(pid)) for pid in tree(process.pid)]
        rss, pss = sum(r for _, r, _ in rows), sum(p for _, _, p in rows)
        peak = max(peak, (rss, pss))
        each = " ".join(f"{pid}:{r}/{p}" for pid, r, p in rows)
        print(f"{time.time() - start:6.1f} sumRSS {rss:5d} sumPSS {pss:5d} | {each}", flush=True)
        time.sleep(0.5)
    print(f"peak RSS {peak[0]} MB, PSS {peak[1]} MB; rc {process.returncode}")
    return process.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
