"""Execute the notebooks in ``notebooks/`` and save them with their outputs.

    python scripts/run_notebooks.py                 # all four, in order
    python scripts/run_notebooks.py 02 04           # only the notebooks whose names start so

This is the one command that regenerates the committed notebook outputs; run it
after the shipped model (``models/pitchcheck.json``) is retrained, so that
``tests/test_notebooks.py`` sees outputs that match it. Each notebook runs top to
bottom in a fresh ``python3`` kernel (nbclient, 600 s per cell) with ``notebooks/``
as the working directory and matplotlib's default non-interactive backend. A
notebook is written back only if every cell ran; a failing notebook is left as it
was, the error is printed, and the script exits with status 1 after trying the rest.
It also exits with status 1 if notebook 02's ``TEST_METRICS`` line does not match
``models/pitchcheck.json`` (the shipped model is not what ``pitchcheck.train()`` gives
with the current code and corpus).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "python3"
CELL_TIMEOUT = 600
METADATA = ROOT / "models" / "pitchcheck.json"
SUBSETS = ("all", "hard", "conversation")
METRICS = ("macro_f1", "accuracy", "roc_auc", "brier", "ece")


def notebook_paths(prefixes: list[str]) -> list[Path]:
    paths = sorted(p for p in NOTEBOOKS.glob("*.ipynb") if not p.name.startswith("."))
    if prefixes:
        paths = [p for p in paths if any(p.name.startswith(x) for x in prefixes)]
    return paths


def execute(path: Path) -> float:
    """Run one notebook in place; return the seconds it took. Raises on a failing cell."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(NOTEBOOKS)}},  # the kernel's working directory
        record_timing=False,  # no timestamps in cell metadata: regenerated files diff cleanly
    )
    started = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - started
    nb.metadata.pop("widgets", None)
    mode = path.stat().st_mode & 0o777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".ipynb", dir=path.parent)
    os.close(fd)
    try:
        nbformat.write(nb, tmp)
        os.chmod(tmp, mode)  # mkstemp creates 0600; keep the notebook's own permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return seconds


def check_test_metrics(path: Path) -> list[str]:
    """Compare the TEST_METRICS line of notebook 02 with the shipped model's metadata (as the tests do)."""
    nb = nbformat.read(path, as_version=4)
    lines = [
        line
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "stream"
        for line in out.get("text", "").splitlines()
        if line.startswith("TEST_METRICS ")
    ]
    if len(lines) != 1:
        return [f"expected one TEST_METRICS line in {path.name}, found {len(lines)}"]
    printed = json.loads(lines[0][len("TEST_METRICS ") :])
    recorded = json.loads(METADATA.read_text(encoding="utf-8"))["training"]["test"]["results"]
    return [
        f"{s}.{m}: notebook {printed[s][m]} vs {METADATA.name} {recorded[s][m]:.6f}"
        for s in SUBSETS
        for m in METRICS
        if abs(printed[s][m] - recorded[s][m]) > 1e-4
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("only", nargs="*", help="run only notebooks whose file names start with these (e.g. 02)")
    args = parser.parse_args(argv)
    # An interactive MPLBACKEND from the caller's shell would keep figures out of the outputs.
    os.environ.pop("MPLBACKEND", None)
    paths = notebook_paths(args.only)
    if not paths:
        print(f"no notebooks matched {args.only} in {NOTEBOOKS}", file=sys.stderr)
        return 1
    failed = []
    total = 0.0
    for path in paths:
        print(f"running {path.relative_to(ROOT)} ...", flush=True)
        try:
            seconds = execute(path)
        except CellExecutionError as exc:
            failed.append(path.name)
            print(f"FAILED {path.name} (file left unchanged):\n{exc}", file=sys.stderr, flush=True)
            continue
        except Exception as exc:  # kernel died, timeout, unreadable notebook
            failed.append(path.name)
            print(f"FAILED {path.name} (file left unchanged): {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
            continue
        total += seconds
        print(f"  ok in {seconds:.0f} s", flush=True)
        if path.name.startswith("02-"):
            mismatches = check_test_metrics(path)
            if mismatches:
                failed.append(f"{path.name} (test metrics differ from {METADATA.relative_to(ROOT)})")
                print(
                    f"WARNING: the model trained in {path.name} does not reproduce {METADATA.relative_to(ROOT)}; "
                    "retrain and save the shipped model (`pitchcheck train`), then run this script again:\n  "
                    + "\n  ".join(mismatches),
                    file=sys.stderr,
                    flush=True,
                )
    print(f"{len(paths) - len(failed)}/{len(paths)} notebooks executed in {total:.0f} s", flush=True)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
