"""Speed and memory of `termx extract` on real, non-repeating pairs; old and new code in one run.

Workloads (each run as a subprocess, end to end, start-up included):

  seeds        termx extract seeds/ -o OUT                        (13 pairs; --jobs 1: warm wall)
  tico19-dev   termx extract ../shared/dev/tico19-dev/pairs.tsv -o OUT --jobs J   (1,534 real)
  N pairs      termx extract CORPUS -o OUT --jobs J   for each --sizes N (5k, 20k, 100k)

The N-pair corpora come from bench/corpus.py: every real zh-en pair of the project combined two
or three at a time in a seeded random order, so no segment repeats (see its docstring). They
are cached in bench/.cache/.

Each run is measured with:
  wall      wall-clock seconds; pairs/s = pairs / wall
  CPU       user + system seconds of the whole process tree (os.wait4's rusage, which includes
            the --jobs workers the command reaped); split into main process and workers (the
            workers' share sampled from /proc), and "tail": wall seconds after the last worker
            exited (the serial part: final scoring, writing)
  tree RSS  peak of the resident memory summed over the command and its workers, sampled from
            /proc every --interval s (forked workers share pages, so this is an upper bound);
            "max proc" is the largest single process's peak (VmHWM, exact)
  tree PSS  peak of the proportional set size summed over the tree (/proc/PID/smaps_rollup):
            a page shared by k processes counts 1/k in each, so the sum is the memory the
            run really occupies, which the RSS sum overstates for forked workers
  load      the 1-minute load average just before the run (the machine is shared)

With --compare REV, REV is checked out into a temporary `git worktree` and run with PYTHONPATH
pointing at it (the same installed dependencies serve both trees); this tree is run with
PYTHONPATH pointing here. Runs are interleaved (old, new, then new, old, ... --repeat times per
workload: the order alternates so that a drift of the machine's speed during the run does not
favour one side), and per workload the report gives new/old ratios of CPU and wall (median and
range over the repeats), so a change is judged by a ratio measured in one run rather than by
absolute times on a shared machine. It also says whether old and new wrote identical candidate
files (they must, when a change claims no behaviour change).

The cost curve gives CPU seconds per 1,000 pairs at each size and between sizes (the marginal
cost): a rising figure means superlinear growth. The same for memory (MB per 1,000 pairs).

    python bench/speed.py                               # seeds, tico19-dev, 5k/20k/100k
    python bench/speed.py --sizes 5000 --repeat 3
    python bench/speed.py --sizes 5000,20000 --compare HEAD --repeat 2
    python bench/speed.py --sizes 100000 --no-tico --no-seeds --json
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import corpus  # bench/corpus.py: this script's directory is first on sys.path

REPO = Path(__file__).resolve().parents[1]
TICO = corpus.SHARED / "dev" / "tico19-dev" / "pairs.tsv"
SEEDS = REPO / "seeds"
TICKS_PER_S = os.sysconf("SC_CLK_TCK")

# Acceptance lines of issue 14.
TARGET_PAIRS_PER_S = 1_000  # at 100k non-repeating pairs, --jobs 2, start-up included
TARGET_RSS_MB = 1_000
TARGET_TICO_CPU_S = 7.0  # 0.3 x TBXTools' 21 CPU-s on this machine
TARGET_SEEDS_WALL_S = 3.0


# ---------------------------------------------------------------------------------------------
# Code trees and workloads


@dataclass(frozen=True)
class Tree:
    """A termx source tree to run: ``python -m termx`` with PYTHONPATH=path."""

    label: str  # "new" (this tree) or "old" (--compare REV)
    path: Path
    rev: str  # what the tree holds, e.g. "5800f59" or "5800f59-dirty"

    def env(self) -> dict[str, str]:
        """The environment that makes ``python -m termx`` import this tree's termx."""
        return {**os.environ, "PYTHONPATH": str(self.path)}


@dataclass(frozen=True)
class Workload:
    """One `termx extract` input: a name, the input path, its pair count and --jobs."""

    name: str
    source: Path
    pairs: int
    jobs: int
    synthetic: bool  # a bench/corpus.py corpus (part of the cost curve)
    options: tuple[str, ...] = ()  # more `termx extract` options (bench/dask_speed.py's --engine)


def _git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"speed: git {shlex.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def describe_worktree() -> str:
    """This tree's commit, marked -dirty when termx/ has uncommitted changes."""
    return _git("describe", "--always", "--dirty", "--abbrev=7", "--exclude=*")


def check_import(tree: Tree) -> None:
    """Fail unless PYTHONPATH=tree.path really makes Python import that tree's termx."""
    probe = [sys.executable, "-c", "import termx; print(termx.__file__)"]
    # Not from the repository: `-c` and `-m` put the current directory first on sys.path.
    cwd = tempfile.gettempdir()
    done = subprocess.run(probe, env=tree.env(), cwd=cwd, capture_output=True, text=True)
    where = Path(done.stdout.strip()).resolve() if done.returncode == 0 else None
    if where is None or not where.is_relative_to(tree.path.resolve()):
        sys.exit(
            f"speed: the {tree.label} tree {tree.path} does not import its own termx "
            f"(got {done.stdout.strip() or done.stderr.strip()})"
        )


@contextlib.contextmanager
def checkout(rev: str) -> Iterator[Tree]:
    """REV in a temporary detached git worktree, removed afterwards."""
    commit = _git("rev-parse", "--verify", f"{rev}^{{commit}}")
    scratch = Path(tempfile.mkdtemp(prefix="termx-speed-old-"))
    path = scratch / "tree"
    _git("worktree", "add", "--detach", "--quiet", str(path), commit)
    try:
        yield Tree("old", path, commit[:7])
    finally:
        _git("worktree", "remove", "--force", str(path))
        with contextlib.suppress(OSError):
            scratch.rmdir()


# ---------------------------------------------------------------------------------------------
# Process-tree sampling, from /proc (no psutil)


def _proc_table() -> tuple[dict[int, list[int]], dict[int, int]]:
    """Children of every process, and every process's CPU time so far (clock ticks)."""
    children: dict[int, list[int]] = {}
    ticks: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as handle:
                stat = handle.read()
        except OSError:  # the process ended while we looked
            continue
        # The command name may contain spaces and parentheses; fields resume after the last ')'.
        fields = stat.rsplit(")", 1)[1].split()
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        ticks[pid] = int(fields[11]) + int(fields[12])  # utime + stime
    return children, ticks


def _pss_kb(pid: int) -> int:
    """The proportional set size in kB (shared pages divided among their sharers); 0 for a
    process that is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _status_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) in kB; zeros for a process that is gone or a zombie."""
    rss = hwm = 0
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, hwm


@dataclass
class Sampler:
    """Polls the process tree under ``root`` every ``interval`` s in a thread until stopped.

    Kills the tree (its process group) if the summed RSS passes ``limit_kb``: the machine is
    shared, and a run that would exhaust it is a result, not a reason to take others down.
    """

    root: int
    interval: float
    limit_kb: int
    peak_rss_kb: int = 0
    peak_pss_kb: int = 0
    max_process_hwm_kb: int = 0
    killed: bool = False
    last_worker_seen: float | None = None  # seconds into the run when a descendant last lived
    timeline: list[tuple[float, int]] = field(default_factory=list)  # (seconds, tree RSS kB)
    descendant_ticks: dict[int, int] = field(default_factory=dict)  # last CPU ticks per pid
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _started: float = 0.0

    def start(self) -> None:
        self._started = time.perf_counter()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        children, ticks = _proc_table()
        tree, stack = [], [self.root]
        while stack:
            pid = stack.pop()
            tree.append(pid)
            stack.extend(children.get(pid, ()))
        rss = pss = 0
        for pid in tree:
            vm_rss, vm_hwm = _status_kb(pid)
            if vm_rss and pid != self.root:  # zombies have no RSS
                self.last_worker_seen = time.perf_counter() - self._started
                self.descendant_ticks[pid] = max(
                    ticks.get(pid, 0), self.descendant_ticks.get(pid, 0)
                )
            rss += vm_rss
            if vm_rss:
                pss += _pss_kb(pid)
            self.max_process_hwm_kb = max(self.max_process_hwm_kb, vm_hwm)
        self.peak_rss_kb = max(self.peak_rss_kb, rss)
        self.peak_pss_kb = max(self.peak_pss_kb, pss)
        self.timeline.append((time.perf_counter() - self._started, rss))
        if rss > self.limit_kb and not self.killed:
            self.killed = True
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.root, signal.SIGKILL)  # the group of the command we started


# ---------------------------------------------------------------------------------------------
# Runs


@dataclass(frozen=True)
class Measure:
    """One timed `termx extract` run."""

    tree: str
    rev: str
    workload: str
    pairs: int
    jobs: int
    repeat: int
    wall_s: float
    cpu_s: float
    worker_cpu_s: float
    tail_s: float | None  # wall seconds after the last worker exited (--jobs > 1)
    peak_tree_rss_mb: float
    peak_tree_pss_mb: float
    max_process_rss_mb: float
    rss_quartiles_mb: tuple[float, ...]  # tree RSS peak up to 25/50/75/100 % of the wall time
    load: float
    rows: int
    sha256: str

    @property
    def pairs_per_s(self) -> float:
        return self.pairs / self.wall_s


def _mb(kb: int) -> float:
    return round(kb * 1024 / 1e6, 1)


def _quartiles(timeline: list[tuple[float, int]], wall: float) -> tuple[float, ...]:
    marks = []
    for share in (0.25, 0.5, 0.75, 1.0):
        upto = [rss for seconds, rss in timeline if seconds <= wall * share]
        marks.append(_mb(max(upto)) if upto else 0.0)
    return tuple(marks)


def run_extract(
    tree: Tree, work: Workload, out: Path, repeat: int, interval: float, limit_mb: int
) -> Measure:
    """Run `python -m termx extract` of ``tree`` on ``work`` once and measure it."""
    command = [sys.executable, "-m", "termx", "extract", str(work.source), "-o", str(out)]
    command += ["--jobs", str(work.jobs), "--quiet", *work.options]
    load = os.getloadavg()[0]
    start = time.perf_counter()
    child = subprocess.Popen(
        command,
        cwd=out.parent,  # not the repository: `-m` puts the current directory on sys.path
        env=tree.env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so the sampler can stop it whole
    )
    sampler = Sampler(child.pid, interval, limit_mb * 1000 * 1000 // 1024)
    sampler.start()
    stderr = child.stderr
    assert stderr is not None
    errors: list[str] = []  # drained in a thread so a chatty child cannot block on the pipe
    reader = threading.Thread(target=lambda: errors.append(stderr.read()), daemon=True)
    reader.start()
    _, status, usage = os.wait4(child.pid, 0)  # rusage of the child and all it reaped
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    sampler.stop()
    reader.join()
    if sampler.killed:
        sys.exit(f"speed: stopped {tree.label} {work.name}: tree RSS passed {limit_mb:,} MB")
    if child.returncode != 0:
        sys.exit(
            f"speed: `{shlex.join(command)}` ({tree.label}) exited {child.returncode}:\n"
            f"{''.join(errors).strip()}"
        )
    content = out.read_bytes()
    return Measure(
        tree=tree.label,
        rev=tree.rev,
        workload=work.name,
        pairs=work.pairs,
        jobs=work.jobs,
        repeat=repeat,
        wall_s=round(wall, 3),
        cpu_s=round(usage.ru_utime + usage.ru_stime, 2),
        worker_cpu_s=round(sum(sampler.descendant_ticks.values()) / TICKS_PER_S, 2),
        tail_s=(
            round(wall - sampler.last_worker_seen, 1)
            if sampler.last_worker_seen is not None and work.jobs > 1
            else None
        ),
        # The tree held at least its largest process's peak, which sampling may miss.
        peak_tree_rss_mb=_mb(max(sampler.peak_rss_kb, sampler.max_process_hwm_kb, usage.ru_maxrss)),
        peak_tree_pss_mb=_mb(sampler.peak_pss_kb),
        max_process_rss_mb=_mb(max(sampler.max_process_hwm_kb, usage.ru_maxrss)),
        rss_quartiles_mb=_quartiles(sampler.timeline, wall),
        load=round(load, 2),
        rows=max(content.count(b"\n") - 1, 0),  # minus the header row
        sha256=hashlib.sha256(content).hexdigest(),
    )


# ---------------------------------------------------------------------------------------------
# Report


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _spread(values: list[float], digits: int = 2) -> str:
    """Median and range, e.g. "1.02 (0.98-1.05)"; just the value when there is one."""
    middle = f"{_median(values):.{digits}f}"
    if len(values) == 1:
        return middle
    return f"{middle} ({min(values):.{digits}f}-{max(values):.{digits}f})"


@dataclass(frozen=True)
class Summary:
    """The median figures of one tree on one workload over its repeats."""

    tree: str
    work: Workload
    wall_s: float
    cpu_s: float
    main_cpu_s: float
    tail_s: float | None
    rss_mb: float
    pss_mb: float
    max_proc_mb: float
    quartiles: tuple[float, ...]
    rows: int
    loads: tuple[float, ...]
    deterministic: bool  # the same candidate file on every repeat

    @property
    def pairs_per_s(self) -> float:
        return self.work.pairs / self.wall_s

    @property
    def cpu_per_1k(self) -> float:
        return self.cpu_s / self.work.pairs * 1000


def summarise(tree: str, work: Workload, runs: list[Measure]) -> Summary:
    """Medians over one tree's repeats of one workload."""
    tails = [run.tail_s for run in runs if run.tail_s is not None]
    return Summary(
        tree=tree,
        work=work,
        wall_s=_median([run.wall_s for run in runs]),
        cpu_s=_median([run.cpu_s for run in runs]),
        main_cpu_s=_median([run.cpu_s - run.worker_cpu_s for run in runs]),
        tail_s=_median(tails) if tails else None,
        rss_mb=_median([run.peak_tree_rss_mb for run in runs]),
        pss_mb=_median([run.peak_tree_pss_mb for run in runs]),
        max_proc_mb=_median([run.max_process_rss_mb for run in runs]),
        quartiles=tuple(_median([run.rss_quartiles_mb[i] for run in runs]) for i in range(4)),
        rows=runs[0].rows,
        loads=tuple(run.load for run in runs),
        deterministic=len({run.sha256 for run in runs}) == 1,
    )


def print_table(summaries: list[Summary], trees: dict[str, Tree], repeat: int) -> None:
    print(f"medians over {repeat} run(s) each; load = 1-min load average before each run")
    header = (
        f"{'workload':<12} {'tree':<19} {'jobs':>4} {'pairs':>8} {'wall s':>8} {'pairs/s':>8} "
        f"{'CPU s':>8} {'CPU/1k':>7} {'main':>7} {'tail s':>6} {'tree RSS':>9} "
        f"{'tree PSS':>9} {'max proc':>9} {'rows':>7}  load"
    )
    print(header)
    print("-" * len(header))
    for s in summaries:
        tail = f"{s.tail_s:.1f}" if s.tail_s is not None else "-"
        loads = "/".join(f"{load:.1f}" for load in s.loads)
        print(
            f"{s.work.name:<12} {s.tree + ' ' + trees[s.tree].rev:<19} {s.work.jobs:>4} "
            f"{s.work.pairs:>8,} {s.wall_s:>8.1f} {s.pairs_per_s:>8,.0f} {s.cpu_s:>8.1f} "
            f"{s.cpu_per_1k:>7.2f} {s.main_cpu_s:>7.1f} {tail:>6} {s.rss_mb:>6,.0f} MB "
            f"{s.pss_mb:>6,.0f} MB {s.max_proc_mb:>6,.0f} MB {s.rows:>7,}  {loads}"
        )
    print(
        "CPU/1k: CPU s per 1,000 pairs; main: the main process's CPU s (the rest is the "
        "workers'); tail: wall s after the workers exited (serial scoring and writing)"
    )


def print_curve(summaries: list[Summary]) -> None:
    by_tree: dict[str, list[Summary]] = {}
    for s in summaries:
        if s.work.synthetic:
            by_tree.setdefault(s.tree, []).append(s)
    for tree, rows in by_tree.items():
        rows.sort(key=lambda s: s.work.pairs)
        print(f"cost curve ({tree}): per 1,000 pairs, overall and marginal (since the size before)")
        print(
            f"  {'pairs':>8} {'CPU s/1k':>9} {'marginal':>9} {'RSS MB':>8} {'MB/1k':>7} "
            f"{'marginal':>9}  RSS at 25/50/75/100 % of the run"
        )
        previous: Summary | None = None
        for s in rows:
            cpu_marginal = mb_marginal = "-"
            if previous is not None:
                extra = (s.work.pairs - previous.work.pairs) / 1000
                cpu_marginal = f"{(s.cpu_s - previous.cpu_s) / extra:.2f}"
                mb_marginal = f"{(s.rss_mb - previous.rss_mb) / extra:.1f}"
            quartiles = " / ".join(f"{mb:,.0f}" for mb in s.quartiles)
            print(
                f"  {s.work.pairs:>8,} {s.cpu_per_1k:>9.2f} {cpu_marginal:>9} {s.rss_mb:>8,.0f} "
                f"{s.rss_mb / s.work.pairs * 1000:>7.1f} {mb_marginal:>9}  {quartiles}"
            )
            previous = s


def print_comparison(
    works: list[Workload], measures: list[Measure], trees: dict[str, Tree]
) -> None:
    print(
        f"new/old ({trees['new'].rev} / {trees['old'].rev}), per interleaved pair of runs: "
        "median (range)"
    )
    print(f"  {'workload':<12} {'CPU':>20} {'wall':>20} {'tree RSS':>8}  identical candidates")
    for work in works:
        old = sorted(
            (m for m in measures if m.workload == work.name and m.tree == "old"),
            key=lambda m: m.repeat,
        )
        new = sorted(
            (m for m in measures if m.workload == work.name and m.tree == "new"),
            key=lambda m: m.repeat,
        )
        cpu = [n.cpu_s / o.cpu_s for o, n in zip(old, new, strict=True)]
        wall = [n.wall_s / o.wall_s for o, n in zip(old, new, strict=True)]
        rss = _median([n.peak_tree_rss_mb for n in new]) / _median(
            [o.peak_tree_rss_mb for o in old]
        )
        same = len({m.sha256 for m in old + new}) == 1
        print(
            f"  {work.name:<12} {_spread(cpu, 3):>20} {_spread(wall, 3):>20} {rss:>8.2f}  "
            + ("yes" if same else "NO: the candidate files differ")
        )


def print_targets(summaries: list[Summary]) -> None:
    new = {s.work.name: s for s in summaries if s.tree == "new"}
    lines: list[tuple[bool, str]] = []
    largest = max(
        (s for s in new.values() if s.work.synthetic), key=lambda s: s.work.pairs, default=None
    )
    if largest is not None:
        note = "" if largest.work.pairs >= 100_000 else " (below 100k pairs: indicative)"
        lines.append(
            (
                largest.pairs_per_s >= TARGET_PAIRS_PER_S,
                f">= {TARGET_PAIRS_PER_S:,} pairs/s at {largest.work.pairs:,} pairs, "
                f"--jobs {largest.work.jobs}: {largest.pairs_per_s:,.0f}{note}",
            )
        )
        lines.append(
            (
                largest.rss_mb < TARGET_RSS_MB,
                f"peak tree RSS < {TARGET_RSS_MB:,} MB at {largest.work.pairs:,} pairs: "
                f"{largest.rss_mb:,.0f} MB{note}",
            )
        )
        lines.append(
            (
                largest.pss_mb < TARGET_RSS_MB,
                f"peak tree PSS (shared pages counted once) < {TARGET_RSS_MB:,} MB at "
                f"{largest.work.pairs:,} pairs: {largest.pss_mb:,.0f} MB{note}",
            )
        )
    if "tico19-dev" in new:
        tico = new["tico19-dev"]
        lines.append(
            (
                tico.cpu_s <= TARGET_TICO_CPU_S,
                f"tico19-dev --jobs {tico.work.jobs} <= {TARGET_TICO_CPU_S} CPU-s: "
                f"{tico.cpu_s:.1f}",
            )
        )
    if "seeds" in new:
        lines.append(
            (
                new["seeds"].wall_s <= TARGET_SEEDS_WALL_S,
                f"termx extract seeds/ warm <= {TARGET_SEEDS_WALL_S} s wall: "
                f"{new['seeds'].wall_s:.2f}",
            )
        )
    print("issue 14 acceptance (new tree):")
    for ok, text in lines:
        print(f"  {'PASS' if ok else 'MISS'}  {text}")


# ---------------------------------------------------------------------------------------------


def _int_list(text: str) -> list[int]:
    try:
        values = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a comma-separated list of numbers: {text!r}"
        ) from None
    if any(value < 1 for value in values):
        raise argparse.ArgumentTypeError(f"values must be >= 1: {text!r}")
    return values


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
    )
    parser.add_argument(
        "--sizes",
        type=_int_list,
        default=list(corpus.DEFAULT_SIZES),
        help="synthetic corpus sizes, comma-separated (5000,20000,100000)",
    )
    parser.add_argument(
        "--jobs", type=int, default=2, help="--jobs for tico19-dev and the corpora (2)"
    )
    parser.add_argument(
        "--compare", metavar="REV", help="also run git revision REV, interleaved with this tree"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs per workload and tree (interleaved with --compare)",
    )
    parser.add_argument("--no-tico", action="store_true", help="skip the tico19-dev run")
    parser.add_argument("--no-seeds", action="store_true", help="skip the seeds/ run")
    parser.add_argument(
        "--seed", type=int, default=corpus.DEFAULT_SEED, help="corpus shuffle seed (14)"
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=corpus.DEFAULT_CACHE,
        help="corpus cache directory (bench/.cache)",
    )
    parser.add_argument(
        "--interval", type=float, default=0.2, help="memory sampling period, s (0.2)"
    )
    parser.add_argument(
        "--max-rss-mb",
        type=int,
        default=12_000,
        help="stop a run whose tree RSS passes this (12000; a shared machine)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="keep the candidate files in DIR (default: a temp dir)",
    )
    parser.add_argument("--json", action="store_true", help="print every run as JSON")
    args = parser.parse_args()
    if args.jobs < 1 or args.repeat < 1:
        parser.error("--jobs and --repeat must be >= 1")
    return args


def workloads(args: argparse.Namespace) -> list[Workload]:
    """seeds, tico19-dev and the synthetic corpora, in that order (small first)."""
    works: list[Workload] = []
    if not args.no_seeds:
        works.append(Workload("seeds", SEEDS, 13, 1, synthetic=False))
    if not args.no_tico:
        works.append(Workload("tico19-dev", TICO, 1_534, args.jobs, synthetic=False))
    if args.sizes:
        sources = corpus.load_sources()
        log(f"corpus: {corpus.describe(sources)}")
        for size, path in sorted(corpus.build(args.sizes, sources, args.cache, args.seed).items()):
            works.append(
                Workload(
                    f"{size // 1000}k" if size % 1000 == 0 else str(size),
                    path,
                    size,
                    args.jobs,
                    synthetic=True,
                )
            )
    return works


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> None:
    """Run every workload on every tree, interleaved, and print the report."""
    args = parse_args()
    argv = shlex.join(["python", "bench/speed.py", *sys.argv[1:]])
    works = workloads(args)
    with contextlib.ExitStack() as stack:
        trees = {"new": Tree("new", REPO, describe_worktree())}
        if args.compare:
            trees = {"old": stack.enter_context(checkout(args.compare)), **trees}
        for tree in trees.values():
            check_import(tree)
        out_dir = args.keep or Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="termx-speed-"))
        )
        out_dir.mkdir(parents=True, exist_ok=True)
        load_start = os.getloadavg()
        for tree in trees.values():  # untimed: warms the page cache and any user cache dir
            log(f"warm-up: {tree.label} {tree.rev} on seeds/")
            run_extract(
                tree,
                Workload("warm-up", SEEDS, 13, 1, False),
                out_dir / f"warmup-{tree.label}.tsv",
                0,
                args.interval,
                args.max_rss_mb,
            )
        measures: list[Measure] = []
        for work in works:
            for repeat in range(1, args.repeat + 1):
                # old, new, new, old, ...: alternating who goes first cancels a steady drift
                # of the machine (a fixed order measured the same code 3 % apart).
                order = list(trees.values())
                for tree in order if repeat % 2 else order[::-1]:
                    out = out_dir / f"{work.name}-{tree.label}-{repeat}.tsv"
                    run = run_extract(tree, work, out, repeat, args.interval, args.max_rss_mb)
                    measures.append(run)
                    log(
                        f"{work.name} {tree.label} #{repeat}: {run.wall_s:.1f} s wall, "
                        f"{run.cpu_s:.1f} CPU-s, {run.peak_tree_rss_mb:,.0f} MB, "
                        f"load {run.load:.2f}"
                    )
        load_end = os.getloadavg()
    summaries = [
        summarise(label, work, [m for m in measures if m.workload == work.name and m.tree == label])
        for work in works
        for label in trees
    ]
    if args.json:
        json.dump(
            {
                "command": argv,
                "trees": {label: {"rev": t.rev, "path": str(t.path)} for label, t in trees.items()},
                "workloads": [{**asdict(w), "source": str(w.source)} for w in works],
                "load_start": load_start,
                "load_end": load_end,
                "runs": [asdict(m) for m in measures],
            },
            sys.stdout,
            indent=2,
        )
        print()
        return
    print(f"$ {argv}")
    print(
        f"finished: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} CPUs; "
        f"python {sys.version.split()[0]}; load average (1/5/15 min) at start "
        f"{'/'.join(f'{x:.2f}' for x in load_start)}, at end "
        f"{'/'.join(f'{x:.2f}' for x in load_end)}"
    )
    for tree in trees.values():
        print(f"{tree.label}: {tree.rev} ({tree.path})")
    print()
    print_table(summaries, trees, args.repeat)
    print()
    print_curve(summaries)
    for s in summaries:
        if not s.deterministic:
            print(
                f"WARNING: {s.tree} wrote different candidate files for {s.work.name} "
                "across repeats"
            )
    if "old" in trees:
        print()
        print_comparison(works, measures, trees)
    print()
    print_targets(summaries)


if __name__ == "__main__":
    main()
