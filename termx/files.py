"""Files the user gave: reading small UTF-8 text files with errors that name the file, and
writing them so that nothing the user had is lost.

A write replaces a regular file atomically: a reader (or a crash) sees the old file or the new
one, never half. The temp file lives in the directory of the file really written (after
following symlinks, so a symlinked glossary stays a symlink and its target gets the content),
so that ``os.replace`` is a rename on one file system; it is fsynced before the rename and the
directory after it, so a power cut right after a review decision does not bring back the
previous glossary. Devices, FIFOs and ``/dev/stdout`` are written in place, never renamed over.

Concurrent writers of one file (two reviews of one glossary) serialise their read-merge-write
with :func:`locked`, an advisory lock on a ``.NAME.lock`` file beside the target.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO, Any, BinaryIO, Literal, TextIO, cast, overload

from termx.errors import TermxError

# Paths that name an already open file (the shell's redirection of stdout, a process
# substitution) rather than a directory entry: renaming over what they resolve to would
# replace a file the shell holds open (``>> log`` would lose the log), so they are written in
# place. Linux reaches them through /proc/self/fd, macOS through /dev/fd.
_OPEN_FILE_PREFIXES = ("/proc/", "/dev/fd/", "/dev/stdin", "/dev/stdout", "/dev/stderr")
_MAX_LINKS = 40  # what Linux allows before ELOOP
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


# ---------------------------------------------------------------------- locks


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        # LK_LOCK retries for about 10 s and then fails; a review holds the lock for one save.
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError as error:
                if error.errno != errno.EDEADLK:
                    raise

    def _try_lock(fd: int) -> bool:
        # Windows cannot delete an open file, so a temp file still being written survives the
        # cleanup's unlink whatever this says.
        return True

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def _same_file(fd: int, path: str | Path) -> bool:
    """Whether ``path`` still names the open file ``fd`` (a lock or temp file can be removed by
    its previous holder or a cleanup between our open and our lock)."""
    try:
        on_disk = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


@contextlib.contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold the lock of ``path`` for the block: a re-read, merge and write of the file inside
    it cannot interleave with another process doing the same (``termx review`` in two
    terminals on one glossary). The lock is advisory: editors and git do not take it.

    The lock file ``.NAME.lock`` sits beside the file really written (symlinks followed, so
    two links to one shared glossary share the lock) and is removed when released; a process
    killed while holding it leaves the file but not the lock (the kernel drops it).
    """
    target, in_place = _resolve(path)
    if in_place:  # a device or stdout: there is nothing to merge
        yield
        return
    lock_path = target.parent / f".{target.name}.lock"
    flags = os.O_CREAT | _NOFOLLOW | (os.O_RDWR if sys.platform == "win32" else os.O_RDONLY)
    while True:
        try:
            fd = os.open(lock_path, flags, 0o666)
        except OSError as error:
            raise _write_error(error, path, target) from None
        try:
            _lock(fd)
        except OSError as error:  # a file system without locks (ENOLCK)
            os.close(fd)
            raise TermxError(f"cannot lock {lock_path.name}: {error.strerror}", str(path)) from None
        except BaseException:
            os.close(fd)
            raise
        # The holder before us unlinks the file while still holding it; we may have opened
        # and then locked that unlinked file, which no longer excludes anybody. Try again.
        if _same_file(fd, lock_path):
            break
        os.close(fd)
    try:
        yield
    finally:
        # Unlinked before it is released, so that whoever waits on it notices (above).
        # Windows cannot unlink an open file: there it stays, empty and harmless.
        with contextlib.suppress(OSError):
            os.unlink(lock_path)
        os.close(fd)


# ---------------------------------------------------------------------- where a write goes


def _resolve(path: str | Path) -> tuple[Path, bool]:
    """The file a write to ``path`` must change, after symlinks, and whether to write it in
    place (not a regular file: a device, a FIFO, the shell's stdout) instead of renaming a
    temp file over it."""
    name = str(path)
    try:
        # Not abspath: it would fold "link/.." by the text, where the system follows the link.
        current = name if os.path.isabs(name) else os.path.join(os.getcwd(), name)
        for _ in range(_MAX_LINKS):
            directory, base = os.path.split(current)
            current = os.path.join(os.path.realpath(directory or "."), base)
            if current.startswith(_OPEN_FILE_PREFIXES):
                return Path(current), True
            try:
                link = os.readlink(current)
            except (FileNotFoundError, NotADirectoryError):
                return Path(current), False  # a new file (or a missing directory, named later)
            except OSError as error:
                if error.errno != errno.EINVAL:  # EINVAL: exists but is not a symlink
                    raise
                break
            current = os.path.join(os.path.dirname(current), link)
        else:
            raise TermxError("too many levels of symbolic links (a symlink loop?)", name)
        info = os.stat(current)
    except OSError as error:
        raise _write_error(error, name, Path(name)) from None
    if stat.S_ISDIR(info.st_mode):
        raise TermxError("is a directory; give a file name", name)
    return Path(current), not stat.S_ISREG(info.st_mode)


def _write_error(error: OSError, given: str | Path, target: Path) -> TermxError:
    """One line that says what is wrong with writing ``given`` (which is ``target`` once
    symlinks are followed)."""
    name = str(given)
    # Name the directory as the user wrote it, unless a symlink led elsewhere.
    directory = Path(given).parent
    if os.path.realpath(directory) != os.path.realpath(target.parent):
        directory = target.parent
    if error.errno == errno.ENOENT:
        if not os.path.exists(directory):
            return TermxError("directory does not exist", str(directory))
        # /proc/self/x.tsv: the directory is there but cannot hold new files.
        return TermxError(
            f"cannot create files in {directory} (it does not accept new files)", name
        )
    if error.errno in (errno.EACCES, errno.EPERM):
        return TermxError(f"cannot write: permission denied in {directory}", name)
    if error.errno == errno.ENOTDIR:
        return TermxError("cannot write: a part of the path is not a directory", name)
    return TermxError(f"cannot write: {error.strerror}", name)


def _read_only(info: os.stat_result) -> bool:
    # The mode bits, not os.access: as root os.access says every file is writable, yet a user
    # who made a glossary 0444 said "do not change this", whoever runs termx.
    return not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def check_writable(path: str | Path) -> None:
    """Raise :class:`TermxError` now if a later write of ``path`` would be refused or fail for
    lack of permission: a read-only (no write bit) file, one this user may not write, or a
    directory where no file can be created. ``termx review`` calls it before the first key."""
    target, in_place = _resolve(path)
    if in_place:
        return
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise _write_error(error, path, target) from None
    if info is not None and _read_only(info):
        raise TermxError(_read_only_message(info), str(path))
    if info is not None and not os.access(target, os.W_OK):
        raise TermxError("cannot write: permission denied", str(path))
    directory = target.parent
    if os.path.isdir(directory) and not os.access(directory, os.W_OK | os.X_OK):
        # access() also answers EROFS (read-only file system), which root does not bypass.
        raise TermxError(f"cannot write: no new files can be created in {directory}", str(path))


def _read_only_message(info: os.stat_result) -> str:
    mode = stat.S_IMODE(info.st_mode)
    return f"read-only file (mode {mode:04o}); make it writable (chmod u+w) to change it"


# ---------------------------------------------------------------------- temp files


def _temp_pattern(name: str) -> re.Pattern[str]:
    # mkstemp's random part: 8 characters of [a-z0-9_].
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")


def _remove_stale_temps(directory: Path, name: str) -> None:
    """Delete the temp files of ``name`` that a killed writer left (kill -9, power cut).

    A live writer holds a lock on its temp file from creation to rename, so a temp file that
    can be locked is stale whatever its age; one being written is left alone.
    """
    pattern = _temp_pattern(name)
    try:
        entries = os.listdir(directory)
    except OSError:
        return
    for entry in entries:
        if not pattern.fullmatch(entry):
            continue
        full = directory / entry
        with contextlib.suppress(OSError):
            if not stat.S_ISREG(os.stat(full, follow_symlinks=False).st_mode):
                continue
            fd = os.open(full, os.O_RDONLY | _NOFOLLOW)
            try:
                if _try_lock(fd) and _same_file(fd, full):
                    os.unlink(full)
            finally:
                os.close(fd)


def _new_temp(directory: Path, name: str) -> tuple[int, str]:
    """A new locked temp file beside the target (see :func:`_remove_stale_temps`)."""
    while True:
        fd, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
        try:
            _lock(fd)
        except OSError:
            # A file system without locks: write anyway (the lock only keeps the cleanup
            # away, and there the cleanup cannot lock a temp file either, so removes none).
            return fd, temp_name
        except BaseException:
            os.close(fd)
            Path(temp_name).unlink(missing_ok=True)
            raise
        # Another process's cleanup may have locked and removed it before our lock.
        if _same_file(fd, temp_name):
            return fd, temp_name
        os.close(fd)


def _keep_mode_and_owner(fd: int, target: Path) -> None:
    """Keep the permissions (and, when allowed, the owner) the user gave the file; a new file
    follows the umask (mkstemp would leave it readable by its owner only)."""
    with contextlib.suppress(OSError):
        try:
            info = os.stat(target)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        else:
            mode = stat.S_IMODE(info.st_mode)
            if hasattr(os, "fchown") and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
                # Root replacing a user's glossary must not leave a root-owned file behind.
                with contextlib.suppress(OSError):
                    os.fchown(fd, info.st_uid, info.st_gid)
        os.chmod(fd, mode)  # a descriptor where supported (POSIX); elsewhere suppressed


def _fsync_directory(directory: Path) -> None:
    # Not every platform lets a directory be opened (Windows); the rename is still atomic there.
    with contextlib.suppress(OSError):
        handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _foreign(error: OSError, temp_name: str | None) -> TermxError | None:
    """An OSError raised in the caller's block about another file (an input that cannot be
    read): named as what it is, not blamed on the output."""
    if error.filename is None or error.filename == temp_name:
        return None
    return TermxError(f"cannot read: {error.strerror}", str(error.filename))


# ---------------------------------------------------------------------- writing


@overload
def atomic_writer(path: str | Path, mode: Literal["w"] = "w") -> AbstractContextManager[TextIO]: ...
@overload
def atomic_writer(path: str | Path, mode: Literal["wb"]) -> AbstractContextManager[BinaryIO]: ...


def atomic_writer(
    path: str | Path, mode: Literal["w", "wb"] = "w"
) -> AbstractContextManager[TextIO] | AbstractContextManager[BinaryIO]:
    """Write ``path`` through a stream (text UTF-8 with ``\\n`` line ends, or ``"wb"``) that
    replaces the file only when the block ends without error: an exception (bad input half-way,
    Ctrl-C) removes the temp file and leaves the old file untouched.

    A symlink is written through (its target is replaced, the link stays); a device, FIFO or
    ``/dev/stdout`` is written in place; a read-only file (no write bit) is refused. Temp
    files that a killed earlier write left beside the file are removed.
    """
    if mode == "wb":
        return cast(AbstractContextManager[BinaryIO], _atomic_writer(path, mode))
    return cast(AbstractContextManager[TextIO], _atomic_writer(path, mode))


@contextlib.contextmanager
def _atomic_writer(path: str | Path, mode: str) -> Iterator[IO[Any]]:
    target, in_place = _resolve(path)
    # Text is UTF-8 with the line ends exactly as written (no newline translation).
    encoding, newline = (None, None) if "b" in mode else ("utf-8", "")
    if in_place:
        with _in_place_writer(target, path, mode, encoding, newline) as stream:
            yield stream
        return
    try:
        info: os.stat_result | None = os.stat(target)
    except OSError:
        info = None
    if info is not None and _read_only(info):
        raise TermxError(_read_only_message(info), str(path))
    directory = target.parent
    _remove_stale_temps(directory, target.name)
    try:
        fd, temp_name = _new_temp(directory, target.name)
    except OSError as error:
        raise _write_error(error, path, target) from None
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
            _keep_mode_and_owner(stream.fileno(), target)
            if sys.platform == "win32":  # an open file cannot be renamed there
                stream.close()
            # Renamed while the temp file is still open and locked: no cleanup can take it.
            os.replace(temp_name, target)
    except OSError as error:
        Path(temp_name).unlink(missing_ok=True)
        foreign = _foreign(error, temp_name)
        if foreign is not None:
            raise foreign from None
        raise TermxError(f"cannot write: {error.strerror}", str(path)) from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_directory(directory)


_STANDARD_STREAMS = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_DESCRIPTOR_PATH = re.compile(r"/(?:dev/fd|proc/(self|thread-self|\d+)/fd)/(\d+)")


def _descriptor(path: Path) -> int | None:
    """The open descriptor of this process that ``path`` names (``/dev/stdout``,
    ``/dev/fd/3``, ``/proc/self/fd/1``), if it names one."""
    name = str(path)
    if name in _STANDARD_STREAMS:
        return _STANDARD_STREAMS[name]
    match = _DESCRIPTOR_PATH.fullmatch(name)
    if match is None:
        return None
    process = match.group(1)
    if process is not None and process.isdigit() and int(process) != os.getpid():
        return None
    return int(match.group(2))


@contextlib.contextmanager
def _in_place_writer(
    target: Path, given: str | Path, mode: str, encoding: str | None, newline: str | None
) -> Iterator[IO[Any]]:
    try:
        descriptor = _descriptor(target)
        if descriptor is not None:
            # Write to the descriptor the shell set up: opening /proc/self/fd/1 anew would
            # truncate a file that `>>` appends to.
            stream = os.fdopen(os.dup(descriptor), mode, encoding=encoding, newline=newline)
        else:
            stream = open(target, mode, encoding=encoding, newline=newline)  # noqa: SIM115
    except OSError as error:
        raise _write_error(error, given, target) from None
    try:
        with stream:
            yield stream
    except OSError as error:
        foreign = _foreign(error, str(target))
        if foreign is not None:
            raise foreign from None
        raise TermxError(f"cannot write: {error.strerror}", str(given)) from None


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; on any failure the old file is untouched."""
    with atomic_writer(path, "wb") as stream:
        stream.write(data)


def write_text_atomic(path: str | Path, text: str) -> None:
    """UTF-8, ``\\n`` line ends exactly as given (no newline translation)."""
    write_bytes_atomic(path, text.encode("utf-8"))


# ---------------------------------------------------------------------- reading


def check_regular(path: str | Path, expected: str) -> None:
    """Refuse a directory, FIFO, socket or device at ``path`` before it is opened: reading a
    FIFO nobody writes to would block forever. ``expected`` names what the file should be
    ("a glossary file"). A missing file passes (the read says so)."""
    try:
        info = os.stat(path)
    except OSError:
        return
    if stat.S_ISDIR(info.st_mode):
        raise TermxError(f"is a directory, expected {expected}", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise TermxError(
            f"not a regular file (a FIFO, socket or device), expected {expected}", str(path)
        )


def read_utf8(path: str | Path, expected: str) -> str:
    """The file's text without a BOM; ``expected`` names what the file should be
    ("a candidates file") for the error when ``path`` is a directory or a FIFO."""
    source, name = Path(path), str(path)
    try:
        check_regular(source, expected)
        data = source.read_bytes()
    except FileNotFoundError:
        raise TermxError("no such file", name) from None
    except OSError as error:
        raise TermxError(f"cannot read: {error.strerror}", name) from None
    return decode_utf8(data, name)


def decode_utf8(data: bytes, name: str) -> str:
    """``data`` as UTF-8 text without a BOM; bad bytes are an error naming the file and line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TermxError("not UTF-8 text (save the file as UTF-8)", name, line) from None
    return text.removeprefix("\ufeff")
