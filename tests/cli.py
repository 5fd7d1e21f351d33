"""Run `python -m bot ...` as a user would: a real process, real stdin and stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def run_bot(*args: str, stdin: str = "", env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The finished process; environment without KNOWLEDGE_DIR unless given."""
    environment = {k: v for k, v in os.environ.items() if k != "KNOWLEDGE_DIR"}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, text=True,
                          capture_output=True, cwd=ROOT, env=environment, timeout=timeout)


def ask_json(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> list[Any]:
    """Each JSON line `ask --json` printed, parsed."""
    done = run_bot("ask", "--json", *args, stdin=stdin, env=env)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]
