"""Checking files of messages: ``pitchcheck batch`` (through CliRunner) and ``check_file``.

Output keeps every input column and row, in order, with odd values intact, and adds
pitchcheck_label, pitchcheck_score, pitchcheck_signals, pitchcheck_error and
pitchcheck_warnings. Bad rows get
an error; bad files exit 2 with one line on stderr. The input is never modified and the
output is written atomically. Labels and scores are compared to ``pitchcheck.check_many``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pitchcheck
from pitchcheck.batch import RESULT_COLUMNS, BatchSummary, check_file
from pitchcheck.cli import app
from pitchcheck.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_MODEL = ROOT / "models" / "pitchcheck.joblib"
LABELS = {"direct_selling", "relationship_building"}

_CLEAN_ENV = {"FORCE_COLOR": None, "NO_COLOR": None, "TTY_COMPATIBLE": None, "TTY_INTERACTIVE": None,
              "CLICOLOR_FORCE": None, "COLUMNS": None, "TERM": "dumb"}

# Ten rows: two with empty / whitespace text (errors), "NA" and "null" messages, a text with
# quotes, commas and a newline, and an extra column of values a careless reader would convert.
ROWS = [
    {"id": "001", "text": "Loved your talk! We help teams like yours cut costs 30%. Book a demo today, only 2 spots left!", "extra": "007"},
    {"id": "002", "text": "Congrats on the new role! How are you settling in?", "extra": " spaced "},
    {"id": "003", "text": "", "extra": "=1+1"},
    {"id": "004", "text": "NA", "extra": "NA"},
    {"id": "005", "text": "null", "extra": "null"},
    {"id": "006", "text": "   ", "extra": "0012.50"},
    {"id": "007", "text": 'She said "thanks, really", then left.\nSecond line, with a comma.', "extra": "TRUE"},
    {"id": "008", "text": "Sign up before Friday and save $200 on the annual plan.", "extra": "1e5"},
    {"id": "009", "text": "How did the marathon go? I remember you were training hard.", "extra": ""},
    {"id": "010", "text": "Thanks for the intro to Maria, we had a great chat about gardening.", "extra": "x,y"},
]
ERROR_IDS = {"003", "006"}


def invoke(*args, input=None):
    return CliRunner().invoke(app, ["batch", *map(str, args)], input=input, env=_CLEAN_ENV)


def assert_fails(result, code: int, *needles: str) -> str:
    assert result.exit_code == code, (result.exit_code, result.output)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle.lower() in lines[0].lower(), lines[0]
    return lines[0]


def write_csv(path: Path, rows: list[dict], *, bom: bool = False, columns: list[str] | None = None) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns or list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8"))
    return path


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def write_input(path: Path, rows: list[dict]) -> Path:
    return write_csv(path, rows) if path.suffix == ".csv" else write_jsonl(path, rows)


def read_output(path: Path) -> list[dict]:
    """Rows of an output file, with result columns in one shape (score float or None,
    signals a list, label / error str or None); other values exactly as written."""
    if path.suffix == ".csv":
        limit = csv.field_size_limit(2**31 - 1)  # a message may be longer than the default 128 KiB
        try:
            with path.open(encoding="utf-8", newline="") as fh:
                reader = csv.DictReader(fh)
                columns = reader.fieldnames
                rows = list(reader)
        finally:
            csv.field_size_limit(limit)
        assert columns[-len(RESULT_COLUMNS):] == list(RESULT_COLUMNS)
        out = []
        for row in rows:
            assert None not in row and all(v is not None for v in row.values()), row  # no ragged rows
            row = dict(row)
            row["pitchcheck_score"] = float(row["pitchcheck_score"]) if row["pitchcheck_score"] else None
            row["pitchcheck_signals"] = json.loads(row["pitchcheck_signals"]) if row["pitchcheck_signals"] else []
            row["pitchcheck_warnings"] = json.loads(row["pitchcheck_warnings"]) if row["pitchcheck_warnings"] else []
            row["pitchcheck_label"] = row["pitchcheck_label"] or None
            row["pitchcheck_error"] = row["pitchcheck_error"] or None
            out.append(row)
        return out
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())  # hidden temporary files included


def check_against_api(rows: list[dict], out: list[dict], text_column: str = "text") -> None:
    """Same rows, same order, input values intact, results equal to check_many's."""
    assert len(out) == len(rows)
    texts = [r.get(text_column) for r in rows]
    expected = list(pitchcheck.check_many(texts, on_error="return"))
    for row, got, api in zip(rows, out, expected):
        for key, value in row.items():
            assert got[key] == value, (key, value, got[key])
        if api.error is not None:
            assert got["pitchcheck_label"] is None and got["pitchcheck_score"] is None, got
            assert got["pitchcheck_error"], got
            assert got["pitchcheck_signals"] == [] and got["pitchcheck_warnings"] == []
        else:
            assert got["pitchcheck_error"] is None, got
            assert got["pitchcheck_label"] == api.label in LABELS
            assert got["pitchcheck_score"] == pytest.approx(api.score, abs=1e-6)
            shown = [s for s in api.signals if s.family != "focus"]
            assert [(s["text"], s["start"], s["end"], s["kind"]) for s in got["pitchcheck_signals"]] == \
                [(s.text, s.start, s.end, s.kind) for s in shown]
            assert got["pitchcheck_warnings"] == list(api.warnings)
            for s in got["pitchcheck_signals"]:
                assert row[text_column][s["start"]:s["end"]] == s["text"]


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize("src_ext, dst_ext", [(".csv", ".csv"), (".csv", ".jsonl"), (".jsonl", ".jsonl"), (".jsonl", ".csv")])
def test_batch_keeps_rows_columns_and_order_and_adds_results(src_ext, dst_ext, tmp_path):
    src = write_input(tmp_path / f"in{src_ext}", ROWS)
    dst = tmp_path / f"out{dst_ext}"
    before = sha(src)
    result = invoke(src, "-o", dst)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and result.stdout == ""
    assert sha(src) == before  # the input is never modified
    assert listing(tmp_path) == sorted([src.name, dst.name])  # no temporary file left behind
    out = read_output(dst)
    check_against_api(ROWS, out)
    assert [r["id"] for r in out] == [r["id"] for r in ROWS]
    assert out[0]["extra"] == "007" and out[5]["extra"] == "0012.50"  # strings, not numbers
    assert {r["id"] for r in out if r["pitchcheck_error"]} == ERROR_IDS
    assert out[3]["pitchcheck_label"] in LABELS and out[4]["pitchcheck_label"] in LABELS  # "NA", "null"
    if dst_ext == ".csv":
        with dst.open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == ["id", "text", "extra", *RESULT_COLUMNS]
    else:
        assert all(list(r)[:3] == ["id", "text", "extra"] and list(r)[3:] == list(RESULT_COLUMNS) for r in out)
    # the summary on stderr mentions rows and errors
    assert f"Checked {len(ROWS)} rows" in result.stderr
    assert f"rows with errors: {len(ERROR_IDS)}" in result.stderr


def test_summary_gives_rows_per_second_and_counts_per_label(tmp_path):
    src, dst = write_csv(tmp_path / "in.csv", ROWS * 2), tmp_path / "out.jsonl"
    result = invoke(src, "-o", dst)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 2, result.stderr
    match = re.fullmatch(r"Checked (\d+) rows in (\d+\.\d) s \(([\d,]+) rows/s\) -> (.+)", lines[0])
    assert match, lines[0]
    assert int(match.group(1)) == 2 * len(ROWS) and match.group(4) == str(dst)
    seconds, rate = float(match.group(2)), int(match.group(3).replace(",", ""))
    assert rate > 0
    if seconds >= 0.5:  # the rate is rows / unrounded seconds; the shown seconds are rounded to 0.1
        assert 2 * len(ROWS) / (seconds + 0.05) - 1 <= rate <= 2 * len(ROWS) / (seconds - 0.05) + 1, lines[0]
    labels = [r.label for r in pitchcheck.check_many([r["text"] for r in ROWS * 2], on_error="return") if r.error is None]
    counts = ", ".join(f"{label}: {labels.count(label)}" for label in sorted(set(labels)))
    assert set(labels) == LABELS  # both labels occur, so both counts are shown
    assert lines[1] == f"Labels: {counts}; rows with errors: {2 * len(ERROR_IDS)}; rows with warnings: 0"
    assert [r["pitchcheck_label"] for r in read_output(dst) if r["pitchcheck_label"]] == labels


def test_summary_of_a_file_with_only_error_rows(tmp_path):
    src = write_csv(tmp_path / "in.csv", [{"id": "1", "text": ""}, {"id": "2", "text": "  "}])
    result = invoke(src, "-o", tmp_path / "out.csv")
    assert result.exit_code == 0, result.output
    assert "Checked 2 rows in " in result.stderr
    assert "Labels: none; rows with errors: 2; rows with warnings: 0" in result.stderr


def test_error_rows_still_have_a_json_list_of_signals_in_csv(tmp_path):
    # pitchcheck_signals and pitchcheck_warnings are documented as JSON lists: a consumer json.loads() every cell
    dst = tmp_path / "out.csv"
    assert invoke(write_csv(tmp_path / "in.csv", ROWS), "-o", dst).exit_code == 0
    with dst.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            assert isinstance(json.loads(row["pitchcheck_signals"]), list), row
            assert json.loads(row["pitchcheck_warnings"]) == [], row


@pytest.mark.parametrize("src_ext, dst_ext", [(".csv", ".csv"), (".jsonl", ".jsonl")])
def test_a_row_over_a_million_characters_is_checked_and_its_truncation_shown(src_ext, dst_ext, tmp_path):
    # spaCy's max_length: the text is analysed up to 1,000,000 characters; the row says so,
    # and the summary counts it (check_many's CheckResult.warnings must not be dropped)
    filler = "minutes of the board meeting item four budget review item five venue for the annual picnic "
    long_text = "Hi Dana, thanks for the chat at the meetup. " + filler * (1_100_000 // len(filler) + 1)
    assert len(long_text) > 1_100_000
    rows = [ROWS[0], {"id": "big", "text": long_text, "extra": ""}, ROWS[2], ROWS[1]]
    src, dst = write_input(tmp_path / f"in{src_ext}", rows), tmp_path / f"out{dst_ext}"
    result = invoke(src, "-o", dst)
    assert result.exit_code == 0, result.output
    out = read_output(dst)
    assert [r["id"] for r in out] == ["001", "big", "003", "002"]
    assert out[1]["text"] == long_text  # the input value itself is kept whole
    assert out[1]["pitchcheck_label"] in LABELS and not out[1]["pitchcheck_error"]
    assert len(out[1]["pitchcheck_warnings"]) == 1 and "truncated" in out[1]["pitchcheck_warnings"][0]
    assert [r["pitchcheck_warnings"] for r in out if r["id"] != "big"] == [[], [], []]
    assert "rows with errors: 1; rows with warnings: 1" in result.stderr


def test_jsonl_values_keep_their_types(tmp_path):
    rows = [
        {"id": 7, "text": "Book a demo today, only 2 spots left!", "meta": {"tags": ["a", 1]}, "flag": True, "zip": "007"},
        {"id": 8, "text": None, "meta": None, "flag": False, "zip": "0"},  # null text: an error row
        {"id": 9, "meta": [], "flag": None, "zip": ""},  # no text key: an error row
        {"id": 10, "text": "null", "meta": {}, "flag": True, "zip": "00"},  # the word "null" is a message
        {"id": 11, "text": 42, "meta": 1.5, "flag": False, "zip": "1"},  # not a string: an error row
    ]
    src, dst = write_jsonl(tmp_path / "in.jsonl", rows), tmp_path / "out.jsonl"
    result = invoke(src, "-o", dst)
    assert result.exit_code == 0, result.output
    out = read_output(dst)
    assert [{k: v for k, v in r.items() if k not in RESULT_COLUMNS} for r in out] == rows
    assert [r["pitchcheck_error"] is not None for r in out] == [False, True, True, False, True]
    assert out[3]["pitchcheck_label"] in LABELS
    assert "rows with errors: 3" in result.stderr


def test_csv_with_bom_is_accepted(tmp_path):
    src = write_csv(tmp_path / "in.csv", ROWS, bom=True)
    dst = tmp_path / "out.csv"
    assert invoke(src, "-o", dst).exit_code == 0
    out = read_output(dst)
    assert list(out[0])[0] == "id"  # not "\ufeffid"
    check_against_api(ROWS, out)


def test_csv_row_with_missing_text_cell_gets_an_error(tmp_path):
    # a row with fewer fields than the header keeps its fields in place; the missing ones are empty
    src = tmp_path / "in.csv"
    src.write_text("id,text,extra\n1,Thanks for the intro!,a\n2\n3,,c\n4,How was the trip?,d\n", encoding="utf-8")
    dst = tmp_path / "out.csv"
    result = invoke(src, "-o", dst)
    assert result.exit_code == 0, result.output
    out = read_output(dst)
    assert [r["id"] for r in out] == ["1", "2", "3", "4"]
    assert [bool(r["pitchcheck_error"]) for r in out] == [False, True, True, False]
    assert "rows with errors: 2" in result.stderr


def test_text_column_option(tmp_path):
    rows = [{"n": str(i), "message": r["text"]} for i, r in enumerate(ROWS)]
    src, dst = write_csv(tmp_path / "in.csv", rows), tmp_path / "out.jsonl"
    assert_fails(invoke(src, "-o", dst), 2, "text", "--text-column")
    assert listing(tmp_path) == ["in.csv"]
    result = invoke(src, "-o", dst, "--text-column", "message")
    assert result.exit_code == 0, result.output
    check_against_api(rows, read_output(dst), text_column="message")


def test_text_column_missing_from_jsonl_rows_gives_errors_not_a_crash(tmp_path):
    src, dst = write_jsonl(tmp_path / "in.jsonl", ROWS), tmp_path / "out.jsonl"
    result = invoke(src, "-o", dst, "--text-column", "body")
    assert result.exit_code == 0, result.output
    assert all(r["pitchcheck_error"] for r in read_output(dst))
    assert f"rows with errors: {len(ROWS)}" in result.stderr


def test_model_option(tmp_path):
    src = write_csv(tmp_path / "in.csv", ROWS)
    assert invoke(src, "-o", tmp_path / "default.csv").exit_code == 0
    assert invoke(src, "-o", tmp_path / "explicit.csv", "--model", SHIPPED_MODEL).exit_code == 0
    assert (tmp_path / "explicit.csv").read_bytes() == (tmp_path / "default.csv").read_bytes()
    assert_fails(invoke(src, "-o", tmp_path / "x.csv", "--model", tmp_path / "missing.joblib"), 2, "missing.joblib")
    assert not (tmp_path / "x.csv").exists()


def test_threshold_option(tmp_path):
    src = write_csv(tmp_path / "in.csv", ROWS)
    assert invoke(src, "-o", tmp_path / "zero.csv", "--threshold", "0").exit_code == 0
    labels = {r["pitchcheck_label"] for r in read_output(tmp_path / "zero.csv") if not r["pitchcheck_error"]}
    assert labels == {"direct_selling"}
    assert_fails(invoke(src, "-o", tmp_path / "bad.csv", "--threshold", "2"), 2, "threshold")


@pytest.mark.parametrize("ext", [".csv", ".jsonl"])
def test_two_workers_give_the_same_output_as_one(ext, tmp_path):
    src = write_input(tmp_path / f"in{ext}", ROWS * 3)
    assert invoke(src, "-o", tmp_path / f"one{ext}", "--workers", "1").exit_code == 0
    result = invoke(src, "-o", tmp_path / f"two{ext}", "-w", "2")
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"two{ext}").read_bytes() == (tmp_path / f"one{ext}").read_bytes()


def test_workers_must_be_positive(tmp_path):
    src = write_csv(tmp_path / "in.csv", ROWS)
    result = invoke(src, "-o", tmp_path / "out.csv", "--workers", "0")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "out.csv").exists()


# --------------------------------------------------------------------------- safety of files


def test_refuses_to_overwrite_its_input(tmp_path):
    src = write_csv(tmp_path / "in.csv", ROWS)
    before = src.read_bytes()
    for target in (src, tmp_path / "sub" / ".." / "in.csv"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        for extra in ([], ["--overwrite"]):
            assert_fails(invoke(src, "-o", target, *extra), 2, "input")
            assert src.read_bytes() == before
    assert listing(tmp_path) == ["in.csv", "sub"] and listing(tmp_path / "sub") == []


def test_refuses_an_existing_output_unless_overwrite(tmp_path):
    src = write_csv(tmp_path / "in.csv", ROWS)
    dst = tmp_path / "out.csv"
    dst.write_text("precious\n", encoding="utf-8")
    assert_fails(invoke(src, "-o", dst), 2, "--overwrite")
    assert dst.read_text(encoding="utf-8") == "precious\n"
    result = invoke(src, "-o", dst, "--overwrite")
    assert result.exit_code == 0, result.output
    check_against_api(ROWS, read_output(dst))
    assert listing(tmp_path) == ["in.csv", "out.csv"]


def test_a_failed_run_leaves_an_existing_output_untouched_and_no_temp_files(tmp_path):
    rows = [{"id": r["id"], "body": r["text"]} for r in ROWS]
    src = write_csv(tmp_path / "in.csv", rows)
    dst = tmp_path / "out.csv"
    dst.write_bytes(b"old,results\n1,2\n")
    before_in, before_out = sha(src), sha(dst)
    assert_fails(invoke(src, "-o", dst, "--overwrite"), 2, "text")  # no "text" column
    assert (sha(src), sha(dst)) == (before_in, before_out)
    assert listing(tmp_path) == ["in.csv", "out.csv"]


def test_output_file_is_readable_like_any_new_file(tmp_path):
    # the atomic write must not leave the output with the temporary file's 0600 mode
    src = write_csv(tmp_path / "in.csv", ROWS)
    dst = tmp_path / "out.csv"
    assert invoke(src, "-o", dst).exit_code == 0
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")  # what this umask gives a new file
    assert stat.S_IMODE(dst.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)


def test_output_in_a_new_folder(tmp_path):
    src = write_csv(tmp_path / "in.csv", ROWS)
    dst = tmp_path / "new" / "folder" / "out.jsonl"
    assert invoke(src, "-o", dst).exit_code == 0
    assert listing(dst.parent) == ["out.jsonl"]
    check_against_api(ROWS, read_output(dst))


# --------------------------------------------------------------------------- bad input files


def _bad_input(case: str, tmp_path: Path) -> tuple[Path, tuple[str, ...]]:
    if case == "missing":
        return tmp_path / "missing.csv", ("missing.csv",)
    if case == "directory":
        (tmp_path / "folder.csv").mkdir()
        return tmp_path / "folder.csv", ("directory",)
    if case == "binary":
        path = tmp_path / "image.csv"
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
        return path, ("binary",)
    if case == "non-utf8-csv":
        path = tmp_path / "latin1.csv"
        path.write_bytes("id,text\n1,Caf\xe9 cr\xe8me, merci pour l'intro\n".encode("latin-1"))
        return path, ("UTF-8",)
    if case == "non-utf8-csv-at-the-end":
        path = tmp_path / "latin1.csv"
        path.write_bytes("text\ncaf\xe9\n".encode("latin-1"))
        return path, ("UTF-8",)
    if case == "non-utf8-csv-after-8k":
        path = tmp_path / "late.csv"
        path.write_bytes(b"id,text\n" + b"".join(b"%d,Thanks for the intro to Maria!\n" % i for i in range(400))
                         + "401,Caf\xe9 cr\xe8me\n".encode("latin-1"))
        assert path.stat().st_size > 8192
        return path, ("UTF-8",)
    if case == "non-utf8-jsonl":
        path = tmp_path / "latin1.jsonl"
        path.write_bytes('{"text": "caf\xe9"}\n'.encode("latin-1"))
        return path, ("UTF-8",)
    if case == "non-utf8-jsonl-after-8k":
        path = tmp_path / "late.jsonl"
        path.write_bytes(b"".join(b'{"text": "Thanks for the intro to Maria! %d"}\n' % i for i in range(400))
                         + '{"text": "caf\xe9"}\n'.encode("latin-1"))
        return path, ("UTF-8",)
    if case == "jsonl-not-an-object":
        path = tmp_path / "list.jsonl"
        path.write_text('{"text": "Thanks for the intro!"}\n["not", "an", "object"]\n', encoding="utf-8")
        return path, ("line 2", "object")
    if case == "jsonl-invalid-json":
        path = tmp_path / "broken.jsonl"
        path.write_text('{"text": "Thanks for the intro!"}\n{"text": "How was the trip?"}\n{"text": oops}\n', encoding="utf-8")
        return path, ("line 3", "JSON")
    if case == "csv-row-with-too-many-fields":
        # left to pandas, the first column would silently become the index and shift the others
        path = tmp_path / "unquoted.csv"
        path.write_text("id,text\n1,hello, friend\n2,Book a demo\n", encoding="utf-8")
        return path, ("line 2", "3 fields", "2 columns")
    if case == "csv-wide-row-after-a-multiline-value":
        # the line is the file's line (a quoted value spans lines 3-4), not pandas' record count
        path = tmp_path / "late.csv"
        path.write_text('id,text\n1,Thanks for the intro!\n2,"Two\nlines"\n3,Book a demo, today, only 2 spots\n',
                        encoding="utf-8")
        return path, ("line 5", "4 fields", "2 columns")
    if case == "csv-trailing-comma":
        path = tmp_path / "trailing.csv"
        path.write_text("id,text\n1,Thanks for the intro!,\n", encoding="utf-8")
        return path, ("line 2", "trailing comma")
    if case == "csv-blank-first-line":
        # the header and the rows must agree on which line is the header (the header line was scored as a row)
        path = tmp_path / "blank.csv"
        path.write_text("\ntext,x\nhello,1\n\nbye,2\n", encoding="utf-8")
        return path, ("no column", "text")
    if case == "empty-csv":
        path = tmp_path / "empty.csv"
        path.write_bytes(b"")
        return path, ("empty",)
    if case == "unsupported-extension":
        path = tmp_path / "messages.txt"
        path.write_text("text\nhello\n", encoding="utf-8")
        return path, (".csv",)
    raise AssertionError(case)


BAD_INPUTS = ["missing", "directory", "binary", "non-utf8-csv", "non-utf8-csv-at-the-end", "non-utf8-csv-after-8k",
              "non-utf8-jsonl", "non-utf8-jsonl-after-8k", "jsonl-not-an-object", "jsonl-invalid-json", "empty-csv",
              "unsupported-extension", "csv-row-with-too-many-fields", "csv-wide-row-after-a-multiline-value",
              "csv-trailing-comma", "csv-blank-first-line"]


def test_a_wide_row_in_a_later_chunk_fails_the_whole_run(tmp_path):
    # after rows were already scored and written to the temporary file: still exit 2, nothing written
    src = tmp_path / "in.csv"
    src.write_text("id,text\n" + "".join(f"{i},Thanks for the intro {i}!\n" for i in range(1, 2500))
                   + "2500,hello, friend\n", encoding="utf-8")
    assert_fails(invoke(src, "-o", tmp_path / "out.csv"), 2, "line 2501", "3 fields")
    assert listing(tmp_path) == ["in.csv"]


@pytest.mark.parametrize("case", BAD_INPUTS)
@pytest.mark.parametrize("dst_ext", [".csv", ".jsonl"])
def test_bad_input_file_exits_2_with_one_line_and_writes_nothing(case, dst_ext, tmp_path):
    src, needles = _bad_input(case, tmp_path)
    before = listing(tmp_path)
    digest = sha(src) if src.is_file() else None
    assert_fails(invoke(src, "-o", tmp_path / f"out{dst_ext}"), 2, *needles)
    assert listing(tmp_path) == before  # no output, no temporary file
    if digest:
        assert sha(src) == digest


def test_output_with_an_unsupported_extension_exits_2(tmp_path):
    src = write_csv(tmp_path / "in.csv", ROWS)
    assert_fails(invoke(src, "-o", tmp_path / "out.xlsx"), 2, ".jsonl")
    assert_fails(invoke(src, "-o", tmp_path), 2)  # a directory
    assert listing(tmp_path) == ["in.csv"]


def test_missing_output_option_is_a_usage_error(tmp_path):
    result = invoke(write_csv(tmp_path / "in.csv", ROWS))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--output" in result.stderr


# --------------------------------------------------------------------------- check_file (library)

TEN = list(ROWS)  # ten rows: chunks of 3 are 3 + 3 + 3 + 1


@pytest.mark.parametrize("ext", [".csv", ".jsonl"])
def test_check_file_in_chunks_keeps_rows_and_order_and_reports_progress(ext, tmp_path):
    src = write_input(tmp_path / f"in{ext}", TEN)
    before = sha(src)
    done: list[int] = []
    summary = check_file(src, tmp_path / f"chunked{ext}", chunk_size=3, progress=done.append)
    whole = check_file(src, tmp_path / f"whole{ext}")
    assert done == [3, 6, 9, 10]
    out = read_output(tmp_path / f"chunked{ext}")
    without_error_text = lambda rows: [{**r, "pitchcheck_error": bool(r["pitchcheck_error"])} for r in rows]  # noqa: E731
    assert without_error_text(out) == without_error_text(read_output(tmp_path / f"whole{ext}"))
    check_against_api(TEN, out)
    assert isinstance(summary, BatchSummary)
    assert summary.output == str(tmp_path / f"chunked{ext}")
    assert summary.rows == 10 and summary.errors == len(ERROR_IDS)
    labels = [r["pitchcheck_label"] for r in out if not r["pitchcheck_error"]]
    assert summary.labels == {label: labels.count(label) for label in set(labels)}
    assert sum(summary.labels.values()) + summary.errors == summary.rows
    assert summary.seconds > 0 and summary.rows_per_second > 0
    assert set(summary.to_dict()) == {"output", "rows", "errors", "warnings", "labels", "seconds", "rows_per_second"}
    assert summary.warnings == 0
    assert (whole.rows, whole.errors, whole.labels) == (summary.rows, summary.errors, summary.labels)
    assert sha(src) == before
    assert listing(tmp_path) == sorted([src.name, f"chunked{ext}", f"whole{ext}"])


@pytest.mark.parametrize("ext", [".csv", ".jsonl"])
def test_check_file_output_does_not_depend_on_the_chunk_size(ext, tmp_path):
    # including the error messages: an error must not name a row position within a chunk
    src = write_input(tmp_path / f"in{ext}", TEN)
    check_file(src, tmp_path / f"chunked{ext}", chunk_size=3)
    check_file(src, tmp_path / f"whole{ext}")
    chunked, whole = read_output(tmp_path / f"chunked{ext}"), read_output(tmp_path / f"whole{ext}")
    assert [r["pitchcheck_error"] for r in chunked] == [r["pitchcheck_error"] for r in whole]
    assert (tmp_path / f"chunked{ext}").read_bytes() == (tmp_path / f"whole{ext}").read_bytes()


def test_check_file_scores_through_the_public_check_many(monkeypatch, tmp_path):
    # the issue: batch streams in chunks through check_many, not a private helper
    import pitchcheck.api

    real, calls = pitchcheck.api.check_many, []

    def spy(texts, **kwargs):
        calls.append((len(texts), kwargs.get("on_error")))
        return real(texts, **kwargs)

    monkeypatch.setattr(pitchcheck.api, "check_many", spy)
    src = write_csv(tmp_path / "in.csv", TEN)
    summary = check_file(src, tmp_path / "out.csv", chunk_size=4)
    assert calls == [(4, "return"), (4, "return"), (2, "return")]
    assert summary.rows == 10
    out = read_output(tmp_path / "out.csv")
    check_against_api(TEN, out)
    # check_many numbers a bad item within its call; a row's own error needs no number
    errors = [r["pitchcheck_error"] for r in out if r["pitchcheck_error"]]
    assert len(errors) == len(ERROR_IDS) and all("empty" in e and "item" not in e for e in errors), errors


@pytest.mark.parametrize("ext", [".csv", ".jsonl"])
def test_check_file_with_two_workers_over_several_chunks_equals_one_worker(ext, tmp_path):
    src = write_input(tmp_path / f"in{ext}", TEN * 2)
    done: list[int] = []
    one = check_file(src, tmp_path / f"one{ext}", chunk_size=3)
    two = check_file(src, tmp_path / f"two{ext}", chunk_size=3, workers=2, progress=done.append)
    assert (tmp_path / f"two{ext}").read_bytes() == (tmp_path / f"one{ext}").read_bytes()
    assert done == [3, 6, 9, 12, 15, 18, 20]
    assert (two.rows, two.errors, two.labels) == (one.rows, one.errors, one.labels) == (20, 4, one.labels)


def test_check_file_with_a_model_object_and_two_workers(tmp_path):
    src = write_csv(tmp_path / "in.csv", TEN)
    model = pitchcheck.load_model()
    check_file(src, tmp_path / "one.csv", model=model, chunk_size=4)
    check_file(src, tmp_path / "two.csv", model=model, chunk_size=4, workers=2)
    check_file(src, tmp_path / "path.csv", model=SHIPPED_MODEL, chunk_size=4, workers=2)
    assert (tmp_path / "two.csv").read_bytes() == (tmp_path / "one.csv").read_bytes() == (tmp_path / "path.csv").read_bytes()


@pytest.mark.parametrize("workers", [1, 2])
def test_check_file_failing_midway_leaves_the_old_output_and_no_temp_files(workers, tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, TEN)
    with src.open("a", encoding="utf-8") as fh:
        fh.write("{not json}\n")  # line 11: after three full chunks were scored and written
    dst = tmp_path / "out.jsonl"
    dst.write_bytes(b'{"old": true}\n')
    with pytest.raises(InputError, match="line 11"):
        check_file(src, dst, chunk_size=3, workers=workers, overwrite=True)
    assert dst.read_bytes() == b'{"old": true}\n'
    assert listing(tmp_path) == ["in.jsonl", "out.jsonl"]


def test_check_file_refuses_existing_output_and_its_input(tmp_path):
    src = write_csv(tmp_path / "in.csv", TEN)
    dst = tmp_path / "out.csv"
    dst.write_text("keep\n", encoding="utf-8")
    with pytest.raises(InputError, match="exists"):
        check_file(src, dst)
    with pytest.raises(InputError, match="input"):
        check_file(src, src, overwrite=True)
    assert dst.read_text(encoding="utf-8") == "keep\n"
    summary = check_file(src, dst, overwrite=True)
    assert summary.rows == 10


@pytest.mark.parametrize("kwargs", [{"workers": 0}, {"chunk_size": 0}, {"threshold": 1.5}])
def test_check_file_bad_arguments(kwargs, tmp_path):
    src = write_csv(tmp_path / "in.csv", TEN)
    with pytest.raises(InputError):
        check_file(src, tmp_path / "out.csv", **kwargs)
    assert listing(tmp_path) == ["in.csv"]


def test_check_file_header_only_csv(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,text\n", encoding="utf-8")
    dst = tmp_path / "out.csv"
    try:
        summary = check_file(src, dst)
    except InputError:
        assert listing(tmp_path) == ["in.csv"]  # refused: nothing written
    else:
        assert summary.rows == 0 and read_output(dst) == []
        assert listing(tmp_path) == ["in.csv", "out.csv"]
