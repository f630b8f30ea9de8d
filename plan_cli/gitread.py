"""Read the plan's data as it was at a git revision, without a checkout.

``plan diff`` and ``plan check --against`` compare two states of the data:
one is usually the working tree, the other a commit. The commit's files are
listed with ``git ls-tree`` and read with ``git cat-file`` as a ``{path: bytes}``
snapshot (:class:`Blobs`, one file at a time) that :func:`plan_cli.load.load`
reads in place of the folder.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from .datadir import RefusedFile, check_size
from .load import INDICATORS_FILE, LEDGERS_DIR, OWNERS_FILE, PLAN_FILE, DataLocation

MAIN_BRANCHES = ("origin/main", "main", "origin/master", "master")


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a revision is unknown."""


def _git(cwd: Path, *args: str, binary: bool = False) -> str | bytes:
    try:
        done = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(detail[-1] if detail else f"git {' '.join(args)} failed")
    return done.stdout if binary else done.stdout.decode("utf-8", "replace").strip()


def repo_root(folder: Path) -> Path:
    return Path(_git(folder, "rev-parse", "--show-toplevel"))


def revision(rev: str) -> str:
    """``rev`` if it can only be read as a revision: text starting with ``-`` would
    reach git as an option (``--against=--independent`` compared with HEAD)."""
    if not rev or rev.startswith("-") or any(c in rev for c in "\0\n\r"):
        raise GitError(f"{rev!r} is not a revision (a branch, tag or commit such as main)")
    return rev


def resolve(folder: Path, rev: str) -> str:
    """The commit id ``rev`` names."""
    return _git(folder, "rev-parse", "--verify", "--quiet", f"{revision(rev)}^{{commit}}")


def merge_base(folder: Path, base: str, head: str = "HEAD") -> str:
    """Where ``head`` left ``base`` (what a pull request is compared with);
    ``base`` itself when the histories are unrelated."""
    try:
        return _git(folder, "merge-base", revision(base), revision(head))
    except GitError:
        return resolve(folder, base)  # (refuses an option-like base again)


def default_base(folder: Path) -> str:
    """The merge-base of HEAD with the main branch (origin/main, main, …)."""
    for branch in MAIN_BRANCHES:
        try:
            resolve(folder, branch)
        except GitError:
            continue
        return merge_base(folder, branch)
    raise GitError("no main branch found (origin/main, main, origin/master, master): "
                   "name the base revision")


def commit_date(folder: Path, rev: str) -> date:
    """The committer date of ``rev`` (its own calendar day)."""
    return date.fromisoformat(_git(folder, "show", "-s", "--format=%cs", rev))


def _wanted(rel: str) -> bool:
    if rel in (PLAN_FILE, INDICATORS_FILE, OWNERS_FILE):
        return True
    parts = rel.split("/")
    return len(parts) == 2 and parts[0] == LEDGERS_DIR and parts[1].endswith((".yaml", ".yml"))


def _data_names(location: DataLocation, rev: str) -> tuple[Path, str, list[str]]:
    """``(repository root, data folder prefix, the data files' names at rev)``."""
    folder = location.path.resolve()
    root = repo_root(folder)
    # git prints C:/… on Windows and may differ in case: let git say where we are.
    prefix = _git(folder, "rev-parse", "--show-prefix")
    names = _git(root, "ls-tree", "-r", "-z", "--name-only", rev, "--", prefix or ".",
                 binary=True).decode("utf-8").split("\0")
    return root, prefix, [n for n in names if n.startswith(prefix) and _wanted(n[len(prefix):])]


class Blobs(Mapping):
    """The data files at a revision as a ``{path: bytes}`` snapshot that reads each
    file from git only when it is asked for, and keeps none: one ``git cat-file
    --batch`` answers every request, so a plan of many ledger files is read one
    file at a time. Close it (or use ``with``) to end the git process."""

    def __init__(self, location: DataLocation, rev: str):
        root, prefix, wanted = _data_names(location, rev)
        self._names = {location.path / n[len(prefix):]: f"{rev}:{n}" for n in wanted}
        self._root = root
        self._git: subprocess.Popen | None = None

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, path) -> bool:
        return path in self._names

    def __getitem__(self, path: Path) -> bytes:
        name = self._names[path]
        if self._git is None:
            self._git = subprocess.Popen(["git", "-C", str(self._root), "cat-file", "--batch"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL)
        out = self._git.stdout
        self._git.stdin.write(name.encode("utf-8") + b"\n")
        self._git.stdin.flush()
        header = out.readline().split()
        if len(header) != 3:  # "<name> missing": the tree listed it, so git is failing
            raise GitError(f"git cat-file could not read {name}")
        size = int(header[2])
        try:
            check_size(size)  # refused before its bytes are read (load reports it)
        except RefusedFile:
            left = size + 1  # skip the blob and its newline: the stream stays in step
            while left > 0 and (chunk := out.read(min(left, 1 << 20))):
                left -= len(chunk)
            raise
        blob = out.read(size)
        out.read(1)  # the newline after each blob
        return blob

    def close(self) -> None:
        if self._git is not None:
            self._git.stdin.close()
            self._git.stdout.close()
            self._git.wait()
            self._git = None

    def __enter__(self) -> Blobs:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def load_at(location: DataLocation, rev: str | None, keep_data: bool = True):
    """The workspace at ``rev`` (None: the working tree); an empty one when the
    data folder did not exist yet at ``rev`` (the pull request that adds it).
    ``keep_data=False``: models only (see :func:`plan_cli.load.load`)."""
    from .load import Workspace, load

    if rev is None:
        return load(location, keep_data=keep_data)
    with Blobs(location, rev) as snapshot:
        return load(location, snapshot, keep_data=keep_data) if snapshot else Workspace(location)


def sides(location: DataLocation, base: str | None, head: str | None):
    """``(base_ws, head_ws, base_name, head_name, base_commit)`` for a comparison.

    ``base`` defaults to where HEAD left the main branch; a named base is also
    taken at its merge-base with ``head``, as a pull request is reviewed, so
    later changes on main do not show up as this branch's.
    """
    folder = location.path
    head_rev = None if head is None else resolve(folder, head)
    base_rev = default_base(folder) if base is None else merge_base(folder, base, head_rev or "HEAD")
    head_name = "working tree" if head_rev is None else f"{head} ({head_rev[:10]})"
    base_name = f"{base or 'merge-base'} ({base_rev[:10]})"
    return load_at(location, base_rev), load_at(location, head_rev), base_name, head_name, base_rev


def changed_lines(location: DataLocation, rev: str) -> dict[Path, set[int] | None]:
    """The lines of each data file that differ from ``rev`` in the working tree
    (1-based); None for a file that is new (every line of it changed)."""
    root = repo_root(location.path)
    out = _git(root, "diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames",
               rev, "--", str(location.path))
    found: dict[Path, set[int] | None] = {}
    current: Path | None = None
    for line in out.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else (root / name[2:]).resolve()
            if current is not None:
                found.setdefault(current, set())
        elif line.startswith("@@") and current is not None:
            added = line.split("+", 1)[1].split(" ", 1)[0]
            start, _, count = added.partition(",")
            lines = found[current]
            if lines is not None:
                lines.update(range(int(start), int(start) + (int(count) if count else 1)))
    for name in _git(root, "diff", "--name-only", "--diff-filter=A", rev, "--",
                     str(location.path)).splitlines():
        found[(root / name).resolve()] = None
    for name in _git(root, "ls-files", "--others", "--exclude-standard", "--",
                     str(location.path)).splitlines():
        found[(root / name).resolve()] = None
    return found


def data_revision(folder: Path) -> tuple[str, bool] | None:
    """The commit the data folder is at and whether its files differ from it
    (``(short id, dirty)``); None outside a git repository or without git."""
    try:
        commit = _git(folder, "rev-parse", "--short=10", "HEAD")
        changes = _git(folder, "status", "--porcelain", "--untracked-files=all", "--", ".")
    except GitError:
        return None
    return commit, bool(changes)
