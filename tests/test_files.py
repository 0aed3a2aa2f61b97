"""Writing the user's files: symlinks written through, devices and FIFOs written in place,
read-only files refused, temp files of killed writers cleaned, errors that say what is wrong."""

from __future__ import annotations

import fcntl
import os
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEEDS, run_termx

from termx.errors import TermxError
from termx.extract.candidate_file import save_candidates
from termx.files import (
    atomic_writer,
    check_writable,
    locked,
    read_utf8,
    write_text_atomic,
)
from termx.glossary import load_glossary
from termx.model import TermPair

CANDIDATES = [
    TermPair("和平使命", "Peace Mission", 0.9, 3),
    TermPair("軍事翻譯", "military tattoo", 0.1, 1),
]


def _aligned_seeds() -> str:
    """What `termx align seeds/ -o FILE` writes, to compare outputs written elsewhere with."""
    with tempfile.TemporaryDirectory() as directory:
        reference = Path(directory, "reference.tsv")
        result = run_termx("align", SEEDS, "-o", reference)
        assert result.exit_code == 0, result.stderr
        return reference.read_text("utf-8")


def _names(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


# ---------------------------------------------------------------------- symlinks


def test_a_symlinked_glossary_gets_the_decisions_and_stays_a_symlink(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "team.tsv").write_text("zh\ten\tstatus\n", "utf-8")
    project = tmp_path / "project" / "glossary"
    project.mkdir(parents=True)
    link = project / "G.tsv"
    link.symlink_to(Path("..", "..", "shared", "team.tsv"))
    save_candidates(CANDIDATES, tmp_path / "cands.tsv")
    result = run_termx(
        "review", tmp_path / "cands.tsv", "-g", link, "--accept-above", "0.8",
        "--reject-below", "0.3", "--yes",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert os.readlink(link) == str(Path("..", "..", "shared", "team.tsv"))
    statuses = {(e.zh, e.en): e.status for e in load_glossary(shared / "team.tsv")}
    assert statuses == {
        ("和平使命", "Peace Mission"): "approved",
        ("軍事翻譯", "military tattoo"): "rejected",
    }
    assert _names(shared) == ["team.tsv"]  # temp file and lock were in the target's directory
    assert _names(project) == ["G.tsv"]


def test_output_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real" / "pairs.tsv"
    target.parent.mkdir()
    target.write_text("old\n", "utf-8")
    link = tmp_path / "link.tsv"
    link.symlink_to(target)
    result = run_termx("align", SEEDS, "-o", link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text("utf-8") == _aligned_seeds()


def test_a_chain_of_symlinks_and_a_dangling_one(tmp_path: Path) -> None:
    final = tmp_path / "final.tsv"
    (tmp_path / "middle.tsv").symlink_to("final.tsv")  # dangling: the write creates final.tsv
    (tmp_path / "first.tsv").symlink_to("middle.tsv")
    write_text_atomic(tmp_path / "first.tsv", "zh\ten\n")
    assert final.read_text("utf-8") == "zh\ten\n"
    assert (tmp_path / "first.tsv").is_symlink() and (tmp_path / "middle.tsv").is_symlink()


def test_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").symlink_to("b.tsv")
    (tmp_path / "b.tsv").symlink_to("a.tsv")
    result = run_termx("align", SEEDS, "-o", tmp_path / "a.tsv")
    assert result.exit_code == 2
    assert result.stderr == (
        f"termx: error: {tmp_path / 'a.tsv'}: too many levels of symbolic links (a symlink loop?)\n"
    )


# ---------------------------------------------------------------------- not regular files


def test_output_to_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    # The write blocks until someone reads, as `> pipe` does in a shell.
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run_termx("align", SEEDS, "-o", fifo)
    reader.join(30)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received == [_aligned_seeds().encode("utf-8")]
    assert _names(tmp_path) == ["pipe"]


def test_output_to_a_character_device_keeps_the_device(tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        device = Path("/dev/null")  # without CAP_MKNOD; written in place, so this is safe
    before = os.stat(device)
    result = run_termx("align", SEEDS, "-o", device)
    assert result.exit_code == 0, result.stderr
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_align_to_dev_null_leaves_dev_null_a_device() -> None:
    before = os.stat("/dev/null")
    assert stat.S_ISCHR(before.st_mode)
    result = run_termx("align", SEEDS, "-o", "/dev/null")
    assert result.exit_code == 0, result.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_dev_stdout_appended_to_a_log_keeps_the_log(tmp_path: Path) -> None:
    # A real process: /dev/stdout is the shell's redirection, which CliRunner cannot fake.
    # Renaming over the file /dev/stdout resolves to would lose what `>>` appended to.
    log = tmp_path / "log.txt"
    log.write_text("earlier line\n", "utf-8")
    inode = log.stat().st_ino
    with log.open("a", encoding="utf-8") as out:
        done = subprocess.run(
            [sys.executable, "-m", "termx", "align", str(SEEDS), "-o", "/dev/stdout"],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert log.stat().st_ino == inode
    assert log.read_text("utf-8") == "earlier line\n" + _aligned_seeds()


def test_a_directory_is_not_a_file_name(tmp_path: Path) -> None:
    with pytest.raises(TermxError, match="is a directory; give a file name"):
        write_text_atomic(tmp_path, "x")


# ---------------------------------------------------------------------- permissions


def test_a_read_only_file_is_refused_also_as_root(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("zh\ten\tstatus\n", "utf-8")
    path.chmod(0o444)
    with pytest.raises(TermxError) as error:
        write_text_atomic(path, "replaced\n")
    assert str(error.value) == (
        f"{path}: read-only file (mode 0444); make it writable (chmod u+w) to change it"
    )
    with pytest.raises(TermxError, match="read-only file"):
        check_writable(path)
    assert path.read_text("utf-8") == "zh\ten\tstatus\n"
    path.chmod(0o644)
    check_writable(path)  # writable again: no error
    write_text_atomic(path, "replaced\n")
    assert path.read_text("utf-8") == "replaced\n"


def test_the_mode_and_owner_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("old\n", "utf-8")
    path.chmod(0o640)
    # As root termx may replace another user's file; it must stay theirs.
    owner = 4321 if os.geteuid() == 0 else os.getuid()
    os.chown(path, owner, os.getgid())
    write_text_atomic(path, "new\n")
    info = path.stat()
    assert (stat.S_IMODE(info.st_mode), info.st_uid) == (0o640, owner)


@pytest.fixture
def searchable_by_nobody() -> Iterator[Path]:
    """A directory every user can enter (pytest's tmp_path is private to root)."""
    base = Path(tempfile.mkdtemp(prefix="termx-test-"))
    base.chmod(0o755)
    try:
        yield base
    finally:
        for path in base.rglob("*"):
            path.chmod(0o755)
        subprocess.run(["rm", "-rf", str(base)], check=True)


def test_output_into_an_unsearchable_directory_says_permission(searchable_by_nobody: Path) -> None:
    closed = searchable_by_nobody / "closed"
    closed.mkdir()
    closed.chmod(0o000)
    target = closed / "out.tsv"
    _aligned_seeds()  # import everything first: as nobody the installed packages may be closed
    root = os.geteuid() == 0
    if root:
        os.seteuid(65534)  # root may enter any directory; a normal user may not
    try:
        result = run_termx("align", SEEDS, "-o", target)
    finally:
        if root:
            os.seteuid(0)
    assert result.exit_code == 2
    assert result.stderr == f"termx: error: {target}: cannot write: permission denied in {closed}\n"


def test_output_into_proc_says_the_directory_takes_no_files() -> None:
    result = run_termx("align", SEEDS, "-o", "/proc/self/x.tsv")
    assert result.exit_code == 2
    assert result.stderr == (
        "termx: error: /proc/self/x.tsv: cannot create files in /proc/self "
        "(it does not accept new files)\n"
    )


def test_output_into_a_missing_directory_names_it(tmp_path: Path) -> None:
    result = run_termx("align", SEEDS, "-o", tmp_path / "nope" / "out.tsv")
    assert result.exit_code == 2
    assert result.stderr == f"termx: error: {tmp_path / 'nope'}: directory does not exist\n"


def test_an_unreadable_input_inside_the_block_is_not_blamed_on_the_output(tmp_path: Path) -> None:
    out = tmp_path / "out.tsv"
    with pytest.raises(TermxError) as error, atomic_writer(out) as stream:
        stream.write("header\n")
        (tmp_path / "missing.txt").read_text()
    assert str(error.value) == f"{tmp_path / 'missing.txt'}: cannot read: No such file or directory"
    assert _names(tmp_path) == []  # nothing written, no temp left


# ---------------------------------------------------------------------- temp files


def test_stale_temp_files_are_removed_on_the_next_write_live_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "G.tsv"
    path.write_text("old\n", "utf-8")
    stale = [tmp_path / ".G.tsv.ab12cd_9.tmp", tmp_path / ".G.tsv.zzzzzzzz.tmp"]
    for file in stale:
        file.write_text("half a glossary", "utf-8")
    live = tmp_path / ".G.tsv.k3y9x0q1.tmp"
    live.write_text("being written", "utf-8")
    others = [".G.tsv.x.tmp", ".other.tsv.ab12cd34.tmp", ".G.tsv.ab12cd34.tmp.bak"]
    for name in others:
        (tmp_path / name).write_text("not ours", "utf-8")
    with live.open("rb") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)  # as a writer in another process holds its temp file
        write_text_atomic(path, "new\n")
    assert path.read_text("utf-8") == "new\n"
    assert _names(tmp_path) == sorted(["G.tsv", live.name, *others])


def test_a_writer_killed_mid_write_leaves_a_temp_file_the_next_write_removes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "G.tsv"
    path.write_text("zh\ten\tstatus\n", "utf-8")
    script = (
        "import os, signal, sys\n"
        "from termx.files import atomic_writer\n"
        "with atomic_writer(sys.argv[1]) as out:\n"
        "    out.write('half')\n"
        "    out.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, str(path)], check=False)
    assert killed.returncode == -9
    leftovers = [name for name in _names(tmp_path) if name != "G.tsv"]
    assert len(leftovers) == 1 and leftovers[0].startswith(".G.tsv.")
    assert path.read_text("utf-8") == "zh\ten\tstatus\n"  # the old file is whole
    write_text_atomic(path, "zh\ten\tstatus\n上海精神\tShanghai Spirit\tapproved\n")
    assert _names(tmp_path) == ["G.tsv"]


# ---------------------------------------------------------------------- the lock


def test_the_lock_excludes_another_process_and_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "G.tsv"
    path.write_text("", "utf-8")
    script = (
        "import sys\n"
        "from termx.files import locked\n"
        "with locked(sys.argv[1]):\n"
        "    print('in', flush=True)\n"
    )
    with locked(path):
        assert _names(tmp_path) == [".G.tsv.lock", "G.tsv"]
        other = subprocess.Popen(
            [sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True
        )
        # The other process cannot get in while this one holds the lock: it is still
        # waiting when the lock is tried from here without blocking.
        with open(tmp_path / ".G.tsv.lock", "rb") as probe, pytest.raises(BlockingIOError):
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert other.poll() is None
    assert other.communicate(timeout=30)[0] == "in\n"
    assert other.returncode == 0
    assert _names(tmp_path) == ["G.tsv"]


def test_read_utf8_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(TermxError, match="no such file"):
        read_utf8(tmp_path / "nope.tsv", "a candidates file")
    with pytest.raises(TermxError, match="is a directory, expected a candidates file"):
        read_utf8(tmp_path, "a candidates file")
    (tmp_path / "latin1.tsv").write_bytes("caf\xe9\n".encode("latin-1"))
    with pytest.raises(TermxError, match=r"latin1\.tsv:1: not UTF-8 text"):
        read_utf8(tmp_path / "latin1.tsv", "a candidates file")
