"""Regenerate the example outputs in README.md by running the real commands.

    python scripts/update_readme.py [--check]

Each block between ``<!-- out:NAME -->`` and ``<!-- /out:NAME -->`` is replaced by
the output of the command listed for NAME below, run from a temporary folder with
NO_COLOR set. ``--check`` exits 1 when the README is stale.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

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


def run_all() -> dict[str, str]:
    out: dict[str, str] = {}
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "inbox.csv").write_text(BATCH_CSV, encoding="utf-8")
        (Path(tmp) / "convo.txt").write_text(CONVO + "\n", encoding="utf-8")
        for name, cmd in EXAMPLES.items():
            exe = shutil.which(cmd[0]) or cmd[0]
            proc = subprocess.run([exe, *cmd[1:]], cwd=tmp, env=env, capture_output=True, text=True)
            shown = shlex.join(cmd)
            text = proc.stdout + proc.stderr
            out[name] = f"$ {shown}\n{text.rstrip()}\n" + (f"# exit code {proc.returncode}\n" if cmd[0] == "pitchcheck" and cmd[1] == "check" else "")
    return out


def render(readme: str, outputs: dict[str, str]) -> str:
    for name, text in outputs.items():
        pattern = re.compile(rf"(<!-- out:{re.escape(name)} -->\n).*?(<!-- /out:{re.escape(name)} -->)", re.S)
        if not pattern.search(readme):
            raise SystemExit(f"README.md has no block <!-- out:{name} -->")
        readme = pattern.sub(lambda m: m.group(1) + "```text\n" + text + "```\n" + m.group(2), readme)
    return readme


def main() -> int:
    readme = README.read_text(encoding="utf-8")
    new = render(readme, run_all())
    if "--check" in sys.argv:
        return 0 if new == readme else 1
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
