"""`termx extract --engine dask` against the local engine, with 1, 2, ... workers, in one run.

For each corpus size (bench/corpus.py's real, non-repeating pairs) and each worker count W,
runs, interleaved (the order alternates per repeat, so that a drift of the shared machine
favours neither):

  local  termx extract CORPUS -o OUT --jobs W
  dask   termx extract CORPUS -o OUT --jobs W --engine dask      (a LocalCluster of W workers)

and, with --scheduler ADDRESS, `--engine dask --scheduler ADDRESS` (the cluster's own workers;
W then only sets the client's scoring processes). Each run is measured by bench/speed.py's
run_extract (wall, CPU of the whole process tree, the client's share, peak tree RSS, load).

The report gives per size the figures of every run, dask/local ratios of wall and CPU at each
W, the scaling (wall at 1 worker / wall at W), and whether every run wrote the same candidate
file (the engines must: the dask engine only moves the analysis).

    python bench/dask_speed.py --sizes 20000 --workers 1,2
    python bench/dask_speed.py --sizes 100000 --workers 1,2 --json
    python bench/dask_speed.py --sizes 20000 --workers 2 --scheduler tcp://10.0.0.5:8786
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import corpus  # bench/: this script's directory is first on sys.path
import speed


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
    )
    parser.add_argument(
        "--sizes", type=speed._int_list, default=[20_000], help="corpus sizes (20000)"
    )
    parser.add_argument(
        "--workers", type=speed._int_list, default=[1, 2], help="worker counts (1,2)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per configuration (1)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="also run on this Dask cluster")
    parser.add_argument("--no-local", action="store_true", help="skip the local-engine runs")
    parser.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED, help="corpus seed (14)")
    parser.add_argument("--cache", type=Path, default=corpus.DEFAULT_CACHE, help="corpus cache")
    parser.add_argument("--interval", type=float, default=0.2, help="memory sampling period, s")
    parser.add_argument("--max-rss-mb", type=int, default=12_000, help="stop a run above this")
    parser.add_argument("--json", action="store_true", help="print every run as JSON")
    return parser.parse_args()


def configurations(
    args: argparse.Namespace, name: str, source: Path, size: int
) -> list[speed.Workload]:
    works = []
    for workers in args.workers:
        if not args.no_local:
            works.append(speed.Workload(f"{name} local", source, size, workers, True))
        works.append(
            speed.Workload(f"{name} dask", source, size, workers, True, ("--engine", "dask"))
        )
        if args.scheduler:
            works.append(
                speed.Workload(
                    f"{name} cluster",
                    source,
                    size,
                    workers,
                    True,
                    ("--engine", "dask", "--scheduler", args.scheduler),
                )
            )
    return works


def main() -> None:
    args = parse_args()
    argv = shlex.join(["python", "bench/dask_speed.py", *sys.argv[1:]])
    tree = speed.Tree("new", speed.REPO, speed.describe_worktree())
    speed.check_import(tree)
    paths = corpus.build(args.sizes, corpus.load_sources(), args.cache, args.seed)
    measures: list[speed.Measure] = []
    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="termx-dask-speed-") as scratch:
        out_dir = Path(scratch)
        speed.log("warm-up: seeds/ on each engine")
        for options in ((), ("--engine", "dask")):
            warm = speed.Workload("warm-up", speed.SEEDS, 13, 1, False, options)
            speed.run_extract(tree, warm, out_dir / "warm.tsv", 0, args.interval, args.max_rss_mb)
        for size in sorted(paths):
            name = f"{size // 1000}k" if size % 1000 == 0 else str(size)
            works = configurations(args, name, paths[size], size)
            for repeat in range(1, args.repeat + 1):
                for work in works if repeat % 2 else works[::-1]:
                    out = out_dir / f"{work.name.replace(' ', '-')}-{work.jobs}-{repeat}.tsv"
                    run = speed.run_extract(tree, work, out, repeat, args.interval, args.max_rss_mb)
                    measures.append(run)
                    speed.log(
                        f"{work.name} W={work.jobs} #{repeat}: {run.wall_s:.1f} s wall, "
                        f"{run.cpu_s:.1f} CPU-s (client {run.cpu_s - run.worker_cpu_s:.1f}), "
                        f"{run.peak_tree_rss_mb:,.0f} MB, load {run.load:.2f}"
                    )
    load_end = os.getloadavg()
    if args.json:
        json.dump(
            {
                "command": argv,
                "rev": tree.rev,
                "load_start": load_start,
                "load_end": load_end,
                "runs": [asdict(m) for m in measures],
            },
            sys.stdout,
            indent=2,
        )
        print()
        return
    report(argv, tree, measures, load_start, load_end)


def report(
    argv: str,
    tree: speed.Tree,
    measures: list[speed.Measure],
    load_start: tuple[float, float, float],
    load_end: tuple[float, float, float],
) -> None:
    print(f"$ {argv}")
    print(
        f"finished: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} CPUs; "
        f"termx {tree.rev}; load average (1/5/15 min) at start "
        f"{'/'.join(f'{x:.2f}' for x in load_start)}, at end "
        f"{'/'.join(f'{x:.2f}' for x in load_end)}"
    )
    print("medians over the repeats; client: CPU s of the termx process (counting, scoring)")
    header = (
        f"{'workload':<14} {'W':>2} {'wall s':>7} {'pairs/s':>8} {'CPU s':>7} {'client':>7} "
        f"{'workers':>7} {'tree RSS':>9}  load"
    )
    print(header)
    print("-" * len(header))
    groups: dict[tuple[str, int], list[speed.Measure]] = {}
    for m in measures:
        groups.setdefault((m.workload, m.jobs), []).append(m)
    wall: dict[tuple[str, int], float] = {}
    cpu: dict[tuple[str, int], float] = {}
    for (workload, workers), runs in groups.items():
        wall[workload, workers] = w = speed._median([r.wall_s for r in runs])
        cpu[workload, workers] = c = speed._median([r.cpu_s for r in runs])
        client = speed._median([r.cpu_s - r.worker_cpu_s for r in runs])
        rss = speed._median([r.peak_tree_rss_mb for r in runs])
        loads = "/".join(f"{r.load:.1f}" for r in runs)
        print(
            f"{workload:<14} {workers:>2} {w:>7.1f} {runs[0].pairs / w:>8,.0f} {c:>7.1f} "
            f"{client:>7.1f} {c - client:>7.1f} {rss:>6,.0f} MB  {loads}"
        )
    print()
    sizes = sorted({m.workload.split()[0] for m in measures}, key=lambda n: len(n))
    for size in sizes:
        for workers in sorted({w for (name, w) in groups if name.startswith(size + " ")}):
            local, dask = (f"{size} local", workers), (f"{size} dask", workers)
            if local in wall and dask in wall:
                print(
                    f"{size} W={workers}: dask/local wall {wall[dask] / wall[local]:.2f}, "
                    f"CPU {cpu[dask] / cpu[local]:.2f}"
                )
        for engine in ("local", "dask", "cluster"):
            one = wall.get((f"{size} {engine}", 1))
            for (name, workers), seconds in sorted(wall.items()):
                if name == f"{size} {engine}" and workers > 1 and one:
                    print(f"{size} {engine}: wall at 1 worker / at {workers} = {one / seconds:.2f}")
        files = {m.sha256 for m in measures if m.workload.startswith(size + " ")}
        print(
            f"{size}: "
            + ("every run wrote the same candidates" if len(files) == 1 else "CANDIDATES DIFFER")
        )


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
