"""Extraction throughput (pairs/s) and peak memory of `termx extract`, with --jobs 1 and 2.

The corpus (a temp TSV file, no header) is built from ../shared/dev/tico19-dev/pairs.tsv
(1,534 pairs): its rows are cycled in file order until there are N pairs (default 100,000,
so about 65 repetitions), and the k-th row of the corpus (1-based) gets " (k)" appended to
both its Chinese and its English side. That makes every pair distinct text (the dev file has
one duplicate row, and verbatim repeats would flatter any cache keyed on text) without adding
term candidates: a bracketed number is punctuation plus a numeral, which neither side's
candidate rules keep. With --verbatim the rows are repeated unchanged instead.

For each --jobs value the script runs, in a subprocess,

    python -m termx extract CORPUS -o OUT.tsv --jobs J --quiet

and measures, end to end (so including the few seconds of start-up: loading spaCy, CC-CEDICT):
  elapsed   wall-clock seconds, and pairs/s = N / elapsed
  cpu       user + system seconds of the whole process tree (from wait4), as other work on the
            machine slows the wall clock but not this; split into the workers' share (sampled
            from /proc) and the main process's (reading, counting, scoring: the serial part)
  tree RSS  peak of the summed resident memory of the command and all its descendants (the
            --jobs worker processes are children of the command), sampled from /proc every
            --interval seconds. Forked workers share copy-on-write pages with the parent, so this
            sum counts shared pages twice: an upper bound, and the figure held against the target
  tree PSS  the same sum of proportional set sizes (shared pages divided among the processes
            that share them): what the tree really occupies
  max proc  the largest peak RSS of any single process (the kernel's VmHWM / ru_maxrss: exact,
            not sampled)
A short start-up run on the first --startup-pairs pairs with the same --jobs estimates the fixed
cost, so the table also shows the throughput with start-up taken out. It also counts the
candidate rows written and says whether the candidate files of the --jobs values are identical
(they must be: same input, same output), and warns when the termx sources changed between
runs (a shared working tree: the runs would then measure different code).

A cycled corpus bounds the vocabulary by the 1,534 source pairs, so memory that grows with the
number of distinct candidates stops growing after the first cycle here; memory that grows per
pair (kept texts) still shows. Read the RSS figures as a lower bound for a real corpus of N
distinct sentences.

Targets (issue 3): >= 500 pairs/s with --jobs 2 at 100,000 pairs; peak RSS < 2 GB.

    python bench/speed.py                       # 100,000 pairs, --jobs 1 and 2 (slow)
    python bench/speed.py --pairs 3000          # a quick check
    python bench/speed.py --pairs 3000 --jobs 2 --json
    python bench/speed.py --pairs 3000 --keep /tmp/speed   # keep the corpus and the outputs
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV_PAIRS = Path(__file__).resolve().parents[2] / "shared" / "dev" / "tico19-dev" / "pairs.tsv"
TARGET_PAIRS_PER_S = 500
TARGET_AT_PAIRS = 100_000
TARGET_JOBS = 2
TARGET_RSS_MB = 2000  # 2 GB, decimal: the stricter reading
TICKS_PER_S = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------------------------------------
# Corpus


def load_dev_pairs(path: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 2 and cells[0].strip() and cells[1].strip():
                rows.append((cells[0], cells[1]))
    return rows


def write_corpus(path: Path, rows: list[tuple[str, str]], count: int, verbatim: bool) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for number in range(1, count + 1):
            zh, en = rows[(number - 1) % len(rows)]
            if not verbatim:
                zh, en = f"{zh} ({number})", f"{en} ({number})"
            out.write(f"{zh}\t{en}\n")


def describe_corpus(source: Path, rows: int, count: int, verbatim: bool) -> str:
    how = (
        "repeated verbatim"
        if verbatim
        else 'row k of the corpus gets " (k)" appended to both sides, so every pair is distinct'
    )
    if count <= rows:
        return f"{count:,} pairs = the first {count:,} rows of {source} ({rows:,} pairs); {how}"
    return (
        f"{count:,} pairs = the {rows:,} rows of {source} cycled in order "
        f"{count / rows:.1f} times; {how}"
    )


# ---------------------------------------------------------------------------------------------
# Process-tree memory, from /proc (no psutil)


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


def process_tree(root: int) -> tuple[list[int], dict[int, int]]:
    """The pids under ``root`` (itself included) and their CPU ticks."""
    children, ticks = _proc_table()
    tree, stack = [], [root]
    while stack:
        pid = stack.pop()
        tree.append(pid)
        stack.extend(children.get(pid, ()))
    return tree, {pid: ticks[pid] for pid in tree if pid in ticks}


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


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


@dataclass
class MemorySampler:
    """Polls the tree under ``root`` every ``interval`` s in a thread until stopped."""

    root: int
    interval: float
    peak_rss_kb: int = 0
    peak_pss_kb: int = 0
    max_process_hwm_kb: int = 0
    max_processes: int = 0
    last_worker_seen: float | None = None  # seconds into the run when a descendant last lived
    samples: int = 0
    timeline: list[tuple[float, int]] = field(default_factory=list)  # (seconds, tree RSS kB)
    descendant_ticks: dict[int, int] = field(default_factory=dict)  # last CPU ticks seen per pid
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
        tree, ticks = process_tree(self.root)
        for pid, used in ticks.items():
            if pid != self.root:
                self.descendant_ticks[pid] = max(used, self.descendant_ticks.get(pid, 0))
        rss = pss = alive = 0
        for pid in tree:
            vm_rss, vm_hwm = _status_kb(pid)
            if vm_rss:  # zombies and vanished processes have none
                alive += 1
                if pid != self.root:
                    self.last_worker_seen = time.perf_counter() - self._started
                rss += vm_rss
                pss += _pss_kb(pid)
            self.max_process_hwm_kb = max(self.max_process_hwm_kb, vm_hwm)
        self.peak_rss_kb = max(self.peak_rss_kb, rss)
        self.peak_pss_kb = max(self.peak_pss_kb, pss)
        self.max_processes = max(self.max_processes, alive)
        self.samples += 1
        self.timeline.append((round(time.perf_counter() - self._started, 2), rss))


# ---------------------------------------------------------------------------------------------
# Runs


@dataclass
class Run:
    jobs: int
    pairs: int
    command: list[str]
    elapsed_s: float
    cpu_s: float
    worker_cpu_s: float  # CPU of the descendants (the --jobs workers), sampled; the rest is serial
    pairs_per_s: float
    peak_tree_rss_mb: float
    peak_tree_pss_mb: float
    max_process_rss_mb: float
    processes: int
    candidate_rows: int
    output_sha256: str  # the same input must give the same file, whatever --jobs is
    rss_quartiles_mb: list[float]  # tree RSS at 25/50/75/100 % of the run's wall time
    samples: int
    load_before: float
    # Wall time after the last worker exited: the serial tail (final scoring, writing the file).
    after_workers_s: float | None = None
    code: str = ""  # fingerprint of the termx sources the run used
    startup_s: float | None = None
    pairs_per_s_after_startup: float | None = None


def _mb(kb: int) -> float:
    return round(kb * 1024 / 1e6, 1)


def _quartiles(timeline: list[tuple[float, int]], elapsed: float) -> list[float]:
    marks = []
    for share in (0.25, 0.5, 0.75, 1.0):
        upto = [rss for seconds, rss in timeline if seconds <= elapsed * share and rss]
        marks.append(_mb(max(upto)) if upto else 0.0)
    return marks


def code_fingerprint() -> str:
    """A hash of the termx sources: other people edit the working tree while benchmarks run."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "termx").rglob("*.py")):
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def run_extract(corpus: Path, out: Path, jobs: int, pairs: int, interval: float) -> Run:
    command = [
        sys.executable,
        "-m",
        "termx",
        "extract",
        str(corpus),
        "-o",
        str(out),
        "--jobs",
        str(jobs),
        "--quiet",
    ]
    code = code_fingerprint()
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    sampler = MemorySampler(child.pid, interval)
    sampler.start()
    stderr = child.stderr
    assert stderr is not None
    # Drain stderr in a thread so a chatty child cannot block on a full pipe.
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.append(stderr.read()), daemon=True)
    reader.start()
    # wait4 rather than wait: its rusage covers the child and every descendant it reaped.
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    sampler.stop()
    reader.join()
    if child.returncode != 0:
        sys.exit(
            f"speed: `{shlex.join(command)}` exited {child.returncode}:\n{''.join(errors).strip()}"
        )
    content = out.read_bytes()
    rows = content.count(b"\n") - 1  # minus the header row
    max_process_kb = max(sampler.max_process_hwm_kb, usage.ru_maxrss)
    return Run(
        jobs=jobs,
        pairs=pairs,
        command=command,
        elapsed_s=round(elapsed, 2),
        cpu_s=round(usage.ru_utime + usage.ru_stime, 2),
        worker_cpu_s=round(sum(sampler.descendant_ticks.values()) / TICKS_PER_S, 2),
        pairs_per_s=round(pairs / elapsed, 1),
        peak_tree_rss_mb=_mb(sampler.peak_rss_kb),
        peak_tree_pss_mb=_mb(sampler.peak_pss_kb),
        max_process_rss_mb=_mb(max_process_kb),
        processes=sampler.max_processes,
        candidate_rows=rows,
        output_sha256=hashlib.sha256(content).hexdigest(),
        rss_quartiles_mb=_quartiles(sampler.timeline, elapsed),
        samples=sampler.samples,
        load_before=round(load_before, 2),
        after_workers_s=(
            round(elapsed - sampler.last_worker_seen, 1)
            if sampler.last_worker_seen is not None
            else None
        ),
        code=code,
    )


# ---------------------------------------------------------------------------------------------
# Report


@dataclass
class Verdict:
    target: str
    measured: str
    status: str  # PASS | MISS | n/a


def verdicts(runs: list[Run], pairs: int) -> list[Verdict]:
    result = []
    speed_runs = [run for run in runs if run.jobs == TARGET_JOBS]
    target = (
        f">= {TARGET_PAIRS_PER_S} pairs/s with --jobs {TARGET_JOBS} at {TARGET_AT_PAIRS:,} pairs"
    )
    if not speed_runs:
        result.append(Verdict(target, f"no --jobs {TARGET_JOBS} run", "n/a"))
    else:
        speed = speed_runs[0].pairs_per_s
        status = "PASS" if speed >= TARGET_PAIRS_PER_S else "MISS"
        measured = f"{speed:,.0f} pairs/s"
        if pairs < TARGET_AT_PAIRS:
            measured += f" (at {pairs:,} pairs only, start-up included: indicative)"
        result.append(Verdict(target, measured, status))
    peak = max(run.peak_tree_rss_mb for run in runs)
    result.append(
        Verdict(
            f"peak RSS < {TARGET_RSS_MB:,} MB (summed over the process tree)",
            f"{peak:,.0f} MB" + (f" (at {pairs:,} pairs only)" if pairs < TARGET_AT_PAIRS else ""),
            "PASS" if peak < TARGET_RSS_MB else "MISS",
        )
    )
    return result


def print_report(runs: list[Run], marks: list[Verdict], corpus_note: str, argv: str) -> None:
    print(f"$ {argv}")
    print(f"corpus: {corpus_note}")
    print(f"machine: {os.cpu_count()} CPUs; python {sys.version.split()[0]}")
    print()
    header = (
        f"{'jobs':>4} {'pairs':>9} {'elapsed s':>9} {'pairs/s':>8} {'excl. start':>11} "
        f"{'CPU s':>7} {'tree RSS':>9} {'tree PSS':>9} {'max proc':>9} {'procs':>5} "
        f"{'rows':>7} {'load':>5}"
    )
    print(header)
    print("-" * len(header))
    for run in runs:
        steady = (
            f"{run.pairs_per_s_after_startup:,.0f}"
            if run.pairs_per_s_after_startup is not None
            else "-"
        )
        print(
            f"{run.jobs:>4} {run.pairs:>9,} {run.elapsed_s:>9.1f} {run.pairs_per_s:>8,.0f} "
            f"{steady:>11} {run.cpu_s:>7.1f} {run.peak_tree_rss_mb:>6,.0f} MB "
            f"{run.peak_tree_pss_mb:>6,.0f} MB {run.max_process_rss_mb:>6,.0f} MB "
            f"{run.processes:>5} {run.candidate_rows:>7,} {run.load_before:>5.2f}"
        )
    print()
    print(
        "tree RSS/PSS: summed over the command and its workers, sampled; max proc: largest "
        "single process (exact); excl. start: (pairs - start-up pairs) / (elapsed - start-up "
        "run); load: 1-min load average before the run"
    )
    for run in runs:
        quartiles = " / ".join(f"{mb:,.0f}" for mb in run.rss_quartiles_mb)
        startup = f"; start-up run {run.startup_s:.1f} s" if run.startup_s is not None else ""
        print(f"--jobs {run.jobs}: tree RSS at 25/50/75/100 % of the run {quartiles} MB{startup}")
        tail = (
            f"; {run.after_workers_s:.1f} s of wall time after the workers exited"
            if run.after_workers_s is not None
            else ""
        )
        print(
            f"  CPU {run.cpu_s:.1f} s = main process {run.cpu_s - run.worker_cpu_s:.1f} s + "
            f"workers {run.worker_cpu_s:.1f} s; "
            f"{run.cpu_s / run.elapsed_s:.2f} CPUs busy on average{tail}"
        )
        print(f"  {shlex.join(run.command)}")
    if len({run.code for run in runs}) > 1:
        print(
            "WARNING: the termx sources changed between runs (fingerprints "
            + ", ".join(f"--jobs {run.jobs}: {run.code}" for run in runs)
            + "): the runs measured different code"
        )
    if len(runs) > 1:
        same = len({run.output_sha256 for run in runs}) == 1
        print(
            "candidate files identical across --jobs values: "
            + ("yes" if same else "NO (extraction is not deterministic, or depends on --jobs)")
        )
    print()
    for mark in marks:
        print(f"{mark.status:4}  {mark.target}: {mark.measured}")


# ---------------------------------------------------------------------------------------------


def _jobs_list(text: str) -> list[int]:
    try:
        jobs = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a comma-separated list of numbers: {text!r}"
        ) from None
    if not jobs or any(j < 1 for j in jobs):
        raise argparse.ArgumentTypeError(f"job counts must be >= 1: {text!r}")
    return jobs


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[1:]),
    )
    parser.add_argument(
        "--pairs", type=int, default=TARGET_AT_PAIRS, help="corpus size (default 100,000)"
    )
    parser.add_argument(
        "--jobs", type=_jobs_list, default=[1, 2], help="comma-separated --jobs values (1,2)"
    )
    parser.add_argument(
        "--verbatim", action="store_true", help="repeat the dev pairs unchanged (no ' (k)' token)"
    )
    parser.add_argument(
        "--startup-pairs",
        type=int,
        default=20,
        help="pairs in the start-up run that estimates the fixed cost (0: skip it)",
    )
    parser.add_argument("--interval", type=float, default=0.2, help="memory sampling period, s")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="write the corpus and the candidate files to DIR and keep them (default: a temp dir)",
    )
    args = parser.parse_args()
    if args.pairs < 1:
        parser.error("--pairs must be >= 1")
    if not DEV_PAIRS.is_file():
        sys.exit(f"speed: needs the tico19 dev pairs at {DEV_PAIRS} (the shared data directory)")
    rows = load_dev_pairs(DEV_PAIRS)
    if not rows:
        sys.exit(f"speed: no pairs in {DEV_PAIRS}")
    note = describe_corpus(DEV_PAIRS, len(rows), args.pairs, args.verbatim)
    argv = shlex.join(["python", "bench/speed.py", *sys.argv[1:]])

    def log(message: str) -> None:
        if not args.json:
            print(message, file=sys.stderr, flush=True)

    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="termx-speed-") as scratch:
        tmp = scratch
        if args.keep is not None:
            args.keep.mkdir(parents=True, exist_ok=True)
            tmp = str(args.keep)
        corpus = Path(tmp) / "corpus.tsv"
        write_corpus(corpus, rows, args.pairs, args.verbatim)
        startup_corpus = Path(tmp) / "startup.tsv"
        startup_pairs = min(args.startup_pairs, args.pairs)
        if startup_pairs:
            write_corpus(startup_corpus, rows, startup_pairs, args.verbatim)
        log(f"corpus: {note} ({corpus.stat().st_size / 1e6:.1f} MB)")
        for jobs in args.jobs:
            startup: Run | None = None
            if startup_pairs:
                log(f"--jobs {jobs}: start-up run on {startup_pairs} pairs")
                startup = run_extract(
                    startup_corpus,
                    Path(tmp) / "startup-out.tsv",
                    jobs,
                    startup_pairs,
                    args.interval,
                )
            log(f"--jobs {jobs}: {args.pairs:,} pairs")
            run = run_extract(
                corpus, Path(tmp) / f"out-j{jobs}.tsv", jobs, args.pairs, args.interval
            )
            if startup is not None:
                run.startup_s = startup.elapsed_s
                if run.elapsed_s > startup.elapsed_s and args.pairs > startup_pairs:
                    run.pairs_per_s_after_startup = round(
                        (args.pairs - startup_pairs) / (run.elapsed_s - startup.elapsed_s), 1
                    )
            log(f"  {run.elapsed_s:.1f} s, {run.pairs_per_s:,.0f} pairs/s")
            runs.append(run)
    marks = verdicts(runs, args.pairs)
    if args.json:
        report = {
            "command": argv,
            "corpus": {
                "source": str(DEV_PAIRS),
                "source_pairs": len(rows),
                "pairs": args.pairs,
                "verbatim": args.verbatim,
                "how": note,
            },
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
            "runs": [asdict(run) for run in runs],
            "identical_outputs": len({run.output_sha256 for run in runs}) == 1,
            "targets": [asdict(mark) for mark in marks],
        }
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print_report(runs, marks, note, argv)


if __name__ == "__main__":
    main()
