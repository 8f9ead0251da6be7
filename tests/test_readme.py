"""The README's example outputs are what the commands print today.

``scripts/update_readme.py --check`` regenerates every example (in-process, through
Click's test runner) and compares, with the figures that change from run to run (the
seconds and rows per second of ``batch``) masked. Regenerate with
``python scripts/update_readme.py``.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def outputs(script) -> dict[str, str]:
    return script.run_all()


def test_readme_examples_are_current(script, outputs):
    diff = script.stale_diff(README.read_text(encoding="utf-8"), outputs)
    assert not diff, "README.md's example outputs are stale; run `python scripts/update_readme.py`:\n" + diff


def test_every_example_has_a_block_in_the_readme(script):
    readme = README.read_text(encoding="utf-8")
    for name in script.EXAMPLES:
        assert f"<!-- out:{name} -->" in readme and f"<!-- /out:{name} -->" in readme, name


def test_two_runs_differ_only_in_masked_figures(script, outputs):
    again = script.run_all()
    assert {k: script.masked(v) for k, v in again.items()} == {k: script.masked(v) for k, v in outputs.items()}


def test_timing_figures_are_masked_and_nothing_else(script):
    one = "Checked 3 rows in 0.3 s (9 rows/s) -> checked.csv\nLabels: a: 1; rows with errors: 1"
    two = "Checked 3 rows in 12.0 s (1,234 rows/s) -> checked.csv\nLabels: a: 1; rows with errors: 1"
    assert script.masked(one) == script.masked(two)
    assert "<seconds>" in script.masked(one) and "0.3" not in script.masked(one)
    assert script.masked(one) != script.masked(one.replace("Checked 3 rows", "Checked 4 rows"))
    assert script.masked(one) != script.masked(one.replace("errors: 1", "errors: 2"))


def test_check_fails_on_a_stale_example_and_passes_on_a_fresh_one(script, outputs, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(script, "run_all", lambda **_: outputs)
    fresh = tmp_path / "README.md"
    fresh.write_text(script.render(README.read_text(encoding="utf-8"), outputs), encoding="utf-8")
    assert script.main(["--check", "--readme", str(fresh)]) == 0
    # only the timing differs: still current, and a regeneration leaves the file alone
    timing = re.sub(r"Checked 3 rows in \S+ s \(\S+ rows/s\)", "Checked 3 rows in 99.9 s (1 rows/s)", fresh.read_text(encoding="utf-8"))
    assert timing != fresh.read_text(encoding="utf-8")
    fresh.write_text(timing, encoding="utf-8")
    assert script.main(["--check", "--readme", str(fresh)]) == 0
    assert script.main(["--readme", str(fresh)]) == 0 and fresh.read_text(encoding="utf-8") == timing
    # a real change in an example: stale, with a diff on stderr
    stale = timing.replace("# exit code 1", "# exit code 0", 1)
    assert stale != timing
    fresh.write_text(stale, encoding="utf-8")
    capsys.readouterr()
    assert script.main(["--check", "--readme", str(fresh)]) == 1
    assert "# exit code 0" in capsys.readouterr().err
    assert script.main(["--readme", str(fresh)]) == 0
    assert script.main(["--check", "--readme", str(fresh)]) == 0
