"""Checks on the committed notebooks (their saved outputs, not a fresh run).

CI also executes the notebooks with ``pytest --nbmake notebooks/``; these tests are
fast and catch what nbmake cannot: outputs that are stale against the shipped model,
cells saved without outputs, saved errors, and imports of pitchcheck's private modules.
Regenerate the outputs with ``python scripts/run_notebooks.py``.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXPECTED = ("01-corpus-tour.ipynb", "02-train-and-evaluate.ipynb", "03-error-analysis.ipynb", "04-bring-your-own-data.ipynb")
METADATA = ROOT / "models" / "pitchcheck.json"
MODEL_CARD = ROOT / "models" / "MODEL_CARD.md"
#: The model card's metric columns: header -> (metric, scale of the shown value: 100 for percentages).
CARD_COLUMNS = {"macro-F1": ("macro_f1", 100), "accuracy": ("accuracy", 100), "ROC-AUC": ("roc_auc", 1),
                "Brier": ("brier", 1), "ECE (10 bins)": ("ece", 1)}
SUBSETS = ("all", "hard", "conversation")
METRICS = ("macro_f1", "accuracy", "roc_auc", "brier", "ece")
#: A code cell tagged so may legitimately have no output (none is, today).
NO_OUTPUT_TAG = "no-output"
#: pitchcheck's only public submodule; everything else is reached through ``pitchcheck.<name>``.
PUBLIC_SUBMODULES = {"signals"}
REGENERATE = "regenerate the outputs with `python scripts/run_notebooks.py`"


def _text(value) -> str:
    """nbformat stores multi-line strings either as one string or as a list of lines."""
    return "".join(value) if isinstance(value, list) else (value or "")


def read(name: str) -> dict:
    """A notebook as plain JSON (no nbformat needed, so these tests run in any environment)."""
    nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        cell["source"] = _text(cell.get("source"))
        for out in cell.get("outputs", []):
            if "text" in out:
                out["text"] = _text(out["text"])
    return nb


def code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def stream_text(cell: dict) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def test_all_notebooks_are_present():
    missing = [n for n in EXPECTED if not (NOTEBOOKS / n).is_file()]
    assert not missing, f"missing notebooks: {missing}"


# ---------------------------------------------------------------------------- (a) fresh outputs
def notebook_02_test_metrics() -> dict:
    """The test-split metrics notebook 02 printed on its TEST_METRICS line (rounded to 4 decimals)."""
    nb = read("02-train-and-evaluate.ipynb")
    lines = [
        line
        for cell in code_cells(nb)
        for line in stream_text(cell).splitlines()
        if line.startswith("TEST_METRICS ")
    ]
    assert len(lines) == 1, f"expected exactly one TEST_METRICS line in the saved outputs of notebook 02, found {len(lines)}; {REGENERATE}"
    return json.loads(lines[0][len("TEST_METRICS ") :])


def model_card_test_rows(text: str) -> dict[str, dict[str, tuple[float, float]]]:
    """The card's "test split: SUBSET (n=N)" rows: metric -> (value on a 0-1 scale, half a unit of its last digit)."""
    header = next((line for line in text.splitlines() if line.startswith("| | macro-F1")), None)
    assert header, "models/MODEL_CARD.md has no metrics table"
    names = [c.strip() for c in header.strip("|").split("|")][1:]
    rows: dict[str, dict[str, tuple[float, float]]] = {}
    for line in text.splitlines():
        m = re.match(r"^\| test split: (\w+) \(n=\d+\) \|(.*)\|\s*$", line)
        if not m:
            continue
        cells = [c.strip() for c in m.group(2).split("|")]
        row = {}
        for name, cell in zip(names, cells):
            if name in CARD_COLUMNS and cell != "n/a":
                metric, scale = CARD_COLUMNS[name]
                decimals = len(cell.partition(".")[2])
                row[metric] = (float(cell) / scale, 0.5 * 10**-decimals / scale)
        rows[m.group(1)] = row
    return rows


def test_model_card_test_rows_are_parsed():
    card = "| | macro-F1 | accuracy | ROC-AUC | Brier | ECE (10 bins) |\n|---|---|---|---|---|---|\n" \
           "| test split: all (n=381) | 90.8 | 90.8 | 0.970 | 0.074 | 0.058 |\n"
    rows = model_card_test_rows(card)
    assert rows["all"]["macro_f1"] == pytest.approx((0.908, 0.0005)) and rows["all"]["ece"] == pytest.approx((0.058, 0.0005))


def test_02_test_metrics_match_the_model_card():
    """...and the shipped model card's test-split rows, to the precision the card shows."""
    printed = notebook_02_test_metrics()
    card = model_card_test_rows(MODEL_CARD.read_text(encoding="utf-8"))
    stale = []
    for subset in SUBSETS:
        assert subset in card, f"models/MODEL_CARD.md has no 'test split: {subset}' row"
        for metric in METRICS:
            assert metric in card[subset], f"models/MODEL_CARD.md's 'test split: {subset}' row lacks {metric}"
            shown, half_unit = card[subset][metric]
            if abs(printed[subset][metric] - shown) > half_unit + 0.5e-4:  # the notebook's figure is rounded too
                stale.append(f"{subset}.{metric}: notebook {printed[subset][metric]} vs model card {shown:g}")
    assert not stale, "notebook 02's outputs do not match models/MODEL_CARD.md (retrained model, or a stale card?); " + REGENERATE + ":\n" + "\n".join(stale)


def test_02_test_metrics_match_the_shipped_model():
    """The TEST_METRICS line saved in notebook 02 equals the shipped model's recorded test metrics."""
    printed = notebook_02_test_metrics()
    recorded = json.loads(METADATA.read_text(encoding="utf-8"))["training"]["test"]["results"]
    stale = []
    for subset in SUBSETS:
        for metric in METRICS:
            assert metric in printed.get(subset, {}), f"TEST_METRICS lacks {subset}.{metric}"
            if abs(printed[subset][metric] - recorded[subset][metric]) > 1e-4:
                stale.append(f"{subset}.{metric}: notebook {printed[subset][metric]} vs model {recorded[subset][metric]:.6f}")
    assert not stale, "notebook 02's outputs do not match models/pitchcheck.json (retrained model?); " + REGENERATE + ":\n" + "\n".join(stale)


# ---------------------------------------------------------------------------- (b) complete outputs
@pytest.mark.parametrize("name", EXPECTED)
def test_every_code_cell_was_run_and_has_outputs(name):
    nb = read(name)
    problems = []
    counts = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code" or not cell["source"].strip():
            continue
        outputs = cell.get("outputs", [])
        counts.append(cell.get("execution_count"))
        if cell.get("execution_count") is None:
            problems.append(f"cell {i} was not executed")
        if not outputs and NO_OUTPUT_TAG not in cell.get("metadata", {}).get("tags", []):
            problems.append(f"cell {i} has no outputs")
        if ("plt.show()" in cell["source"] or "fig, " in cell["source"]) and not any(
            "image/png" in o.get("data", {}) for o in outputs
        ):
            problems.append(f"cell {i} draws a figure but has no image output")
    assert not problems, f"{name}: " + "; ".join(problems) + f"; {REGENERATE}"
    # one top-to-bottom run in a fresh kernel numbers the cells 1, 2, 3, ...
    assert counts == list(range(1, len(counts) + 1)), f"{name}: cells were not run top to bottom in one session ({counts}); {REGENERATE}"


@pytest.mark.parametrize("name", EXPECTED)
def test_no_error_outputs(name):
    nb = read(name)
    for i, cell in enumerate(code_cells(nb)):
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", f"{name}: code cell {i} saved an error: {out.get('ename')}: {out.get('evalue')}"
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                assert "Traceback" not in out.get("text", ""), f"{name}: code cell {i} printed a traceback to stderr"


@pytest.mark.parametrize("name", EXPECTED)
def test_notebooks_explain_in_prose(name):
    """Markdown cells carry explanations, not just headings."""
    prose = [
        line
        for cell in read(name)["cells"]
        if cell["cell_type"] == "markdown"
        for line in cell["source"].splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    words = sum(len(line.split()) for line in prose)
    assert words >= 300, f"{name} has only {words} words of prose outside headings"


# ---------------------------------------------------------------------------- (c) public API only
_PRIVATE_ATTR = re.compile(r"\bpitchcheck\s*\.\s*(_(?!_)\w*)")  # pitchcheck._x, not pitchcheck.__version__


def _violations(source: str) -> list[str]:
    """Uses of pitchcheck beyond its public API: private names or modules other than pitchcheck.signals."""
    found = [f"pitchcheck.{m.group(1)}" for m in _PRIVATE_ATTR.finditer(source)]
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics and the like: the regex above still applies
        return found
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "pitchcheck" and len(parts) > 1 and (parts[1] not in PUBLIC_SUBMODULES or len(parts) > 2):
                    found.append(f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[0] != "pitchcheck":
                continue
            if len(parts) > 1 and (parts[1] not in PUBLIC_SUBMODULES or len(parts) > 2):
                found.append(f"from {node.module} import ...")
            elif len(parts) == 1:
                found += [f"from pitchcheck import {a.name}" for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            # pitchcheck.signals._x: a private name of the public submodule
            base = node.value
            if isinstance(base, ast.Attribute) and isinstance(base.value, ast.Name) and base.value.id == "pitchcheck":
                found.append(f"pitchcheck.{base.attr}.{node.attr}")
    return found


@pytest.mark.parametrize("name", EXPECTED)
def test_notebooks_use_only_the_public_api(name):
    nb = read(name)
    bad = {i: v for i, cell in enumerate(code_cells(nb)) if (v := _violations(cell["source"]))}
    assert not bad, f"{name} reaches into private pitchcheck modules (code cell: uses): {bad}"


@pytest.mark.parametrize(
    "source, ok",
    [
        ("import pitchcheck\npitchcheck.check('hi')", True),
        ("from pitchcheck.signals import KINDS", True),
        ("import pitchcheck.signals", True),
        ("from pitchcheck import PitchClassifier, check", True),
        ("print(pitchcheck.__version__)", True),
        ("from pitchcheck.model import PitchClassifier", False),
        ("from pitchcheck.training import cross_val_proba", False),
        ("import pitchcheck.features as f", False),
        ("pitchcheck._resources.corpus_path()", False),
        ("from pitchcheck import _version", False),
        ("x = pitchcheck.signals._private", False),
        ("from pitchcheck.signals.sub import x", False),
    ],
)
def test_public_api_checker(source, ok):
    assert (not _violations(source)) is ok, _violations(source)
