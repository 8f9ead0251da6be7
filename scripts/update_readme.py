"""Regenerate the example outputs in README.md by running the real commands.

    python scripts/update_readme.py [--check] [--subprocess] [--readme PATH]

Each block between ``<!-- out:NAME -->`` and ``<!-- /out:NAME -->`` is replaced by
the output of the command listed for NAME below, run from a temporary folder with
NO_COLOR set. The ``pitchcheck`` commands run in this process through Click's test
runner (the same command functions as the console script, loading the model once);
``--subprocess`` runs the installed ``pitchcheck`` executable instead.

Some figures change from run to run (the seconds and rows per second in ``batch``'s
summary); they are compared masked (see :data:`VOLATILE`), so ``--check`` exits 1
only when an example is really stale, and a regeneration that changes nothing else
leaves README.md untouched.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SLAP = "Loved your post on hiring! We help startups like yours cut hiring costs by 40%. Open to a quick 15-minute call this week?"
WARM = "Great meeting you at the founders breakfast, Priya. You mentioned you're hiring a designer - my friend Ana is great, want an intro?"
CONVO = "Ana: Great meeting you at the mixer!\nBen: Likewise. How is the new studio going?\nAna: Busy! Btw we have 3 spots left in our $499 package, want one?"
BATCH_CSV = "id,text\n1,Thanks for the intro to Dana yesterday!\n2,Only 2 seats left in my sales masterclass - $199 until Friday. Want one?\n3,\n"

EXAMPLES = {
    "slap": ["pitchcheck", "check", SLAP],
    "warm": ["pitchcheck", "check", WARM],
    "convo": ["pitchcheck", "check", "--file", "convo.txt"],
    "json": ["pitchcheck", "check", "--json", "Only 3 spots left at $99/month - book your demo today!"],
    "batch": ["pitchcheck", "batch", "inbox.csv", "-o", "checked.csv"],
    "batch-out": ["cat", "checked.csv"],
}

#: Figures that differ between two runs of the same code and model, and their masks.
VOLATILE = [
    (re.compile(r"(Checked [\d,]+ rows in )\d+(?:\.\d+)? s \([\d,]+ rows/s\)"), r"\1<seconds> s (<rate> rows/s)"),
]
#: The environment of every command: no colours, a fixed width, nothing forcing a terminal.
ENV: dict[str, str | None] = {"NO_COLOR": "1", "COLUMNS": "120", "FORCE_COLOR": None, "TTY_COMPATIBLE": None,
                              "TTY_INTERACTIVE": None, "CLICOLOR_FORCE": None}


def masked(text: str) -> str:
    """``text`` with the run-to-run figures replaced by placeholders."""
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text


@contextlib.contextmanager
def _cwd(path: str) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def _in_process(args: list[str], cwd: str) -> tuple[str, int]:
    from typer.testing import CliRunner

    from pitchcheck.cli import app

    with _cwd(cwd):
        result = CliRunner().invoke(app, args, env=ENV, catch_exceptions=False)
    return result.stdout + result.stderr, result.exit_code


def _subprocess(cmd: list[str], cwd: str) -> tuple[str, int]:
    env = {k: v for k, v in os.environ.items() if k not in ENV}
    env.update({k: v for k, v in ENV.items() if v is not None})
    proc = subprocess.run([shutil.which(cmd[0]) or cmd[0], *cmd[1:]], cwd=cwd, env=env, capture_output=True, text=True)
    return proc.stdout + proc.stderr, proc.returncode


def run_all(*, use_subprocess: bool = False) -> dict[str, str]:
    """The output of every example, as it goes in the README (``$ command`` first)."""
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "inbox.csv").write_text(BATCH_CSV, encoding="utf-8")
        (Path(tmp) / "convo.txt").write_text(CONVO + "\n", encoding="utf-8")
        for name, cmd in EXAMPLES.items():
            if cmd[0] == "cat":
                text, code = (Path(tmp) / cmd[1]).read_text(encoding="utf-8"), 0
            elif use_subprocess:
                text, code = _subprocess(cmd, tmp)
            else:
                text, code = _in_process(cmd[1:], tmp)
            shown = shlex.join(cmd)
            out[name] = f"$ {shown}\n{text.rstrip()}\n" + (f"# exit code {code}\n" if cmd[:2] == ["pitchcheck", "check"] else "")
    return out


def render(readme: str, outputs: dict[str, str]) -> str:
    for name, text in outputs.items():
        pattern = re.compile(rf"(<!-- out:{re.escape(name)} -->\n).*?(<!-- /out:{re.escape(name)} -->)", re.S)
        if not pattern.search(readme):
            raise SystemExit(f"README.md has no block <!-- out:{name} -->")
        readme = pattern.sub(lambda m: m.group(1) + "```text\n" + text + "```\n" + m.group(2), readme)
    return readme


def stale_diff(readme: str, outputs: dict[str, str]) -> str:
    """A unified diff (masked) of what regenerating would change; empty when up to date."""
    old, new = masked(readme), masked(render(readme, outputs))
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), "README.md", "regenerated"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 (and print a diff) if the README's examples are stale")
    parser.add_argument("--subprocess", action="store_true", help="run the installed pitchcheck executable")
    parser.add_argument("--readme", type=Path, default=README, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    readme = args.readme.read_text(encoding="utf-8")
    outputs = run_all(use_subprocess=args.subprocess)
    diff = stale_diff(readme, outputs)
    if args.check:
        if diff:
            print(f"{args.readme.name}'s examples are stale; run python scripts/update_readme.py\n{diff}", file=sys.stderr)
        return 1 if diff else 0
    if diff:  # only run-to-run figures differ otherwise: leave the file as it is
        args.readme.write_text(render(readme, outputs), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
