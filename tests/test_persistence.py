"""Model files are checked before they are unpickled."""

from __future__ import annotations

import gc
import json
import shutil
import warnings
from pathlib import Path

import pytest

import pitchcheck
from pitchcheck._resources import default_model_path


@pytest.fixture()
def model_copy(tmp_path: Path) -> Path:
    src = default_model_path()
    dst = tmp_path / "m.joblib"
    shutil.copy(src, dst)
    shutil.copy(src.with_suffix(".json"), tmp_path / "m.json")
    return dst


def test_copy_loads_and_checks(model_copy: Path) -> None:
    model = pitchcheck.load_model(model_copy)
    assert pitchcheck.check("Thanks so much for the intro to Priya!", model=model).label == "relationship_building"


def test_corrupted_file_is_refused(model_copy: Path) -> None:
    data = bytearray(model_copy.read_bytes())
    data[100] ^= 0xFF
    model_copy.write_bytes(bytes(data))
    with pytest.raises(pitchcheck.ModelError, match="SHA-256"):
        pitchcheck.load_model(model_copy)


def test_swapped_file_is_refused(model_copy: Path, tmp_path: Path) -> None:
    import joblib

    joblib.dump({"not": "a model"}, model_copy)
    with pytest.raises(pitchcheck.ModelError, match="SHA-256"):
        pitchcheck.load_model(model_copy)


def test_unlisted_file_is_refused(model_copy: Path) -> None:
    model_copy.with_suffix(".json").unlink()
    with pytest.raises(pitchcheck.ModelError, match="no metadata"):
        pitchcheck.load_model(model_copy)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(pitchcheck.ModelError, match="not found"):
        pitchcheck.load_model(tmp_path / "nope.joblib")
    with pytest.raises(pitchcheck.ModelError, match="directory"):
        pitchcheck.load_model(tmp_path)


@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_model_path_is_named_as_such(empty: "str | Path") -> None:
    """An empty string is not a path to the current folder: it must not read as "'.' is a directory"."""
    with pytest.raises(pitchcheck.ModelError, match="empty"):
        pitchcheck.load_model(empty)
    with pytest.raises(pitchcheck.ModelError, match="empty"):
        pitchcheck.check("Thanks for the intro!", model=empty)


def test_version_mismatch_warns_to_retrain(model_copy: Path) -> None:
    meta_path = model_copy.with_suffix(".json")
    meta = json.loads(meta_path.read_text())
    meta["versions"]["scikit-learn"] = "0.0.1"
    meta_path.write_text(json.dumps(meta))
    with pytest.warns(pitchcheck.ModelVersionWarning, match="retrain"):
        pitchcheck.load_model(model_copy)


def test_save_model_writes_hash_and_versions(tmp_path: Path) -> None:
    model = pitchcheck.load_model()
    path = pitchcheck.save_model(model, tmp_path / "out" / "saved.joblib")
    meta = json.loads(path.with_suffix(".json").read_text())
    assert set(meta["versions"]) == {"pitchcheck", "scikit-learn", "spacy"}
    assert meta["threshold"] == model.threshold and meta["params"]["C"] == model.C
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = pitchcheck.load_model(path)
    assert again.get_params() == model.get_params()
    with pytest.raises(pitchcheck.InputTypeError):
        pitchcheck.save_model("not a model", tmp_path / "x.joblib")


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_gc_restores_the_collector_state(enabled: bool) -> None:
    from pitchcheck._gc import paused_gc

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with paused_gc():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), paused_gc():
            raise RuntimeError("boom")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_loading_the_model_and_pipeline_leaves_the_collector_on(model_copy: Path) -> None:
    assert gc.isenabled()
    pitchcheck.load_model(model_copy)  # a path not cached yet: really loads
    pitchcheck.get_nlp()
    assert gc.isenabled()
