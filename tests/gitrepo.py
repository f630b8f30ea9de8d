"""Temporary git repositories holding a plan, for edit, diff and guard tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import BASE_PLAN

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_NOSYSTEM": "1", "HOME": os.devnull,
}


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = dict(os.environ, **GIT_ENV)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+08:00"
    done = subprocess.run(["git", "-C", str(repo), *args], env=env, check=True,
                          capture_output=True, text=True, encoding="utf-8")
    return done.stdout


def make_repo(root: Path, source: Path = BASE_PLAN, date: str = "2024-04-10") -> Path:
    """``root`` becomes a git repository on branch main with ``source`` as data/, committed."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, root / "data")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "core.autocrlf", "false")
    commit(root, "base plan", date=date)
    return root


def commit(repo: Path, message: str, date: str | None = None) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD").strip()


def read_all(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (temp files included), as bytes. The empty
    ``.plan.lock`` stays once made (an OS lock on it: see edit/safefile.py) and is
    left out; anything written into it is not."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".git" not in p.parts
            and not (p.name == ".plan.lock" and p.stat().st_size == 0)}
