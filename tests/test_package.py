"""Packaging: the wheel carries byte-identical copies of the corpus and the model."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import pitchcheck

ROOT = Path(__file__).resolve().parent.parent
PACKAGED = {
    "data/corpus.csv": "pitchcheck/_data/corpus.csv",
    "data/test_ids.txt": "pitchcheck/_data/test_ids.txt",
    "models/pitchcheck.joblib": "pitchcheck/_models/pitchcheck.joblib",
    "models/pitchcheck.json": "pitchcheck/_models/pitchcheck.json",
}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)], check=True)
    return next(out.glob("pitchcheck-*.whl"))


def test_wheel_holds_byte_identical_data_and_model(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for src, inside in PACKAGED.items():
            assert inside in names, inside
            assert zf.read(inside) == (ROOT / src).read_bytes(), src
        assert "pitchcheck/py.typed" in names


def test_version_matches_wheel(wheel: Path) -> None:
    assert f"pitchcheck-{pitchcheck.__version__}-" in wheel.name


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    match = re.search(r"^TEST_COMMAND='(.+)'$", ci, re.M)
    assert match, ".ci/run must define TEST_COMMAND"
    assert match.group(1) in readme
    first_block = readme.split("```")[1]
    assert "pitchcheck check" in first_block and match.group(1) in readme.split("```")[3]


def test_signal_kinds_table_is_public_and_lazy() -> None:
    # notebooks and users read the signal kinds' family, habit and advice as pitchcheck.KINDS
    code = (
        "import sys, pitchcheck\n"
        "assert 'pitchcheck.signals' not in sys.modules\n"
        "assert 'KINDS' in pitchcheck.__all__ and 'KINDS' in dir(pitchcheck)\n"
        "assert 'KINDS' in pitchcheck.__doc__\n"
        "from pitchcheck import signals\n"
        "assert pitchcheck.KINDS is signals.KINDS\n"
        "assert set(pitchcheck.KINDS) == set(pitchcheck.SignalKind)\n"
        "info = pitchcheck.KINDS[pitchcheck.SignalKind('call_to_action')]\n"
        "assert info.family is pitchcheck.Family.SELLING and info.advice\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
