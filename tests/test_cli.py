"""The ``pitchcheck`` command line, driven through Typer's CliRunner.

Every command and option, each bad input and each exit code (0 relationship-building,
1 direct selling, 2 usage or input error, 3 internal error). Bad input must give one
readable line on stderr and never a traceback. Assertions about scores are made
relative to the public API (``pitchcheck.check``), never to numbers of one model.

Note: Click >= 8.2 keeps stderr apart in CliRunner; ``result.output`` is what a
terminal would show (stdout and stderr interleaved).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import importlib
import json
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import pitchcheck
from pitchcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_MODEL = ROOT / "models" / "pitchcheck.joblib"
LABELS = {"direct_selling", "relationship_building"}
ANSI = re.compile(r"\x1b[\[\]()#;?]*[0-9;]*[A-Za-z]?")

SELLING = ("Loved your talk! We help teams like yours cut costs 30%. Free for a quick call Tuesday? "
           "Book a demo today, only 2 spots left!")
RELATION = ("Congrats on the new role! I loved your talk on onboarding last month and shared it with my team. "
            "How are you settling in?")
CONVERSATION = (
    "Ann: Hi Bob, great to meet you at the meetup.\n"
    "Bob: Likewise! How is the new job?\n"
    "Ann: Great. By the way we help teams like yours cut costs 30%. Book a demo today, only 2 spots left!\n"
)
SHORT = "Hi Sam"
NO_SIGNALS = "The quarterly report is attached and the figures match the budget we agreed on in the spring."
NOT_ENGLISH = "Hola amigo, ¿cómo estás? Me encantó tu charla de ayer en la conferencia sobre energía solar."

# Environment variables that would make Rich think it writes to a terminal, or change colours.
_CLEAN_ENV = {"FORCE_COLOR": None, "NO_COLOR": None, "TTY_COMPATIBLE": None, "TTY_INTERACTIVE": None,
              "CLICOLOR_FORCE": None, "COLUMNS": None, "TERM": "dumb"}


def invoke(*args: str, input: str | bytes | None = None, env: dict[str, str | None] | None = None):
    """Run ``pitchcheck ARGS`` in-process, in a plain (non-terminal, no colour forcing) environment."""
    return CliRunner().invoke(app, [str(a) for a in args], input=input, env={**_CLEAN_ENV, **(env or {})})


def stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.output, result.output
    # an exception that escaped the command would be stored here by CliRunner
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def assert_fails(result, code: int, *needles: str) -> str:
    """Exit ``code``, exactly one readable line on stderr (containing ``needles``), no traceback."""
    assert result.exit_code == code, (result.exit_code, result.output)
    assert_no_traceback(result)
    lines = stderr_lines(result)
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle.lower() in lines[0].lower(), lines[0]
    assert result.stdout == "", result.stdout
    return lines[0]


def expected_exit(text: str, **kw) -> int:
    return 1 if pitchcheck.check(text, **kw).label == "direct_selling" else 0


def evaluate_api(**kw):
    return pitchcheck.evaluate(**kw)


def as_json(result) -> dict:
    assert_no_traceback(result)
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def api_dict(text: str, **kw) -> dict:
    return json.loads(json.dumps(pitchcheck.check(text, **kw).to_dict()))


# --------------------------------------------------------------------------- check: input sources


def test_clear_examples_get_the_expected_verdict_and_exit_code():
    selling, relation = invoke("check", SELLING), invoke("check", RELATION)
    assert (selling.exit_code, relation.exit_code) == (1, 0), (selling.output, relation.output)
    assert "DIRECT SELLING" in selling.stdout and "RELATIONSHIP-BUILDING" in relation.stdout
    for result in (selling, relation):
        assert_no_traceback(result)
        assert result.stderr == ""


@pytest.mark.parametrize("text", [SELLING, RELATION, CONVERSATION, SHORT])
def test_exit_code_follows_the_api_label(text):
    result = invoke("check", text)
    assert result.exit_code == expected_exit(text), result.output


def test_text_from_argument_dash_pipe_and_file_give_the_same_json(tmp_path):
    path = tmp_path / "message.txt"
    path.write_text(SELLING, encoding="utf-8")
    outputs = [
        invoke("check", "--json", SELLING),
        invoke("check", "--json", "-", input=SELLING),
        invoke("check", "--json", input=SELLING),  # piped, no argument
        invoke("check", "--json", "--file", path),
        invoke("check", "--json", "-f", path),
    ]
    for result in outputs:
        assert result.exit_code == 1, result.output
    first = as_json(outputs[0])
    assert first == api_dict(SELLING)
    for result in outputs[1:]:
        assert as_json(result) == first


def test_file_with_bom_and_crlf_offsets_point_into_the_file_text(tmp_path):
    text = CONVERSATION.replace("\n", "\r\n")
    path = tmp_path / "conversation.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    data = as_json(invoke("check", "--json", "--file", path))
    assert data["kind"] == "conversation"
    assert data["signals"]
    for item in data["signals"] + data["turns"]:
        assert text[item["start"]:item["end"]] == item["text"], item


def test_model_option_with_the_shipped_model_gives_the_default_result():
    default = invoke("check", "--json", SELLING)
    explicit = invoke("check", "--json", "--model", SHIPPED_MODEL, SELLING)
    short = invoke("check", "--json", "-m", SHIPPED_MODEL, SELLING)
    assert default.exit_code == explicit.exit_code == short.exit_code == 1
    assert as_json(explicit) == as_json(default) == as_json(short)


def _copy_model(tmp_path: Path) -> Path:
    model = tmp_path / "copy.joblib"
    model.write_bytes(SHIPPED_MODEL.read_bytes())
    (tmp_path / "copy.json").write_bytes(SHIPPED_MODEL.with_suffix(".json").read_bytes())
    return model


def _bad_model(kind: str, tmp_path: Path) -> Path:
    if kind == "missing":
        return tmp_path / "nope.joblib"
    if kind == "directory":
        (tmp_path / "dir.joblib").mkdir()
        return tmp_path / "dir.joblib"
    model = _copy_model(tmp_path)
    if kind == "corrupted":  # bytes changed: the SHA-256 in the metadata no longer matches
        data = bytearray(model.read_bytes())
        data[len(data) // 2] ^= 0xFF
        model.write_bytes(bytes(data))
    elif kind == "truncated":
        model.write_bytes(model.read_bytes()[:100])
    elif kind == "garbage-with-matching-hash":  # passes the hash check, fails to unpickle
        model.write_bytes(b"this is not a joblib file\n" * 10)
        meta = json.loads((tmp_path / "copy.json").read_text(encoding="utf-8"))
        meta["sha256"] = hashlib.sha256(model.read_bytes()).hexdigest()
        (tmp_path / "copy.json").write_text(json.dumps(meta), encoding="utf-8")
    elif kind == "no-metadata":
        (tmp_path / "copy.json").unlink()
    return model


@pytest.mark.parametrize("kind", ["missing", "directory", "corrupted", "truncated", "garbage-with-matching-hash", "no-metadata"])
def test_check_with_a_bad_model_file_exits_2_with_one_line(kind, tmp_path):
    model = _bad_model(kind, tmp_path)
    assert_fails(invoke("check", "--model", model, SELLING), 2)


# --------------------------------------------------------------------------- check: threshold


def test_threshold_zero_makes_anything_direct_selling():
    for text in (RELATION, SHORT, NO_SIGNALS):
        assert pitchcheck.check(text).label == "relationship_building"  # the premise
        result = invoke("check", "--threshold", "0.0", text)
        assert result.exit_code == 1, result.output
        assert "DIRECT SELLING" in result.stdout
        assert as_json(invoke("check", "--json", "-t", "0", text))["threshold"] == 0.0


def test_threshold_one_gives_exit_0_unless_the_score_is_exactly_one():
    text = "Book a demo today"
    score = pitchcheck.check(text).score
    assert pitchcheck.check(text).label == "direct_selling" and score < 1.0  # the premise
    result = invoke("check", "--threshold", "1.0", text)
    assert result.exit_code == 0, result.output
    data = as_json(invoke("check", "--json", "--threshold", "1", text))
    assert data["threshold"] == 1.0 and data["label"] == "relationship_building"


def test_threshold_override_moves_the_verdict_around_the_score():
    score = pitchcheck.check(RELATION).score
    below, above = max(0.0, score - 0.2), min(1.0, score + 0.2)
    assert invoke("check", "-t", f"{below:.6f}", RELATION).exit_code == 1
    assert invoke("check", "-t", f"{above:.6f}", RELATION).exit_code == 0


@pytest.mark.parametrize("value", ["1.5", "-0.1", "nan"])
def test_threshold_out_of_range_exits_2(value):
    assert_fails(invoke("check", "--threshold", value, SELLING), 2, "threshold")


def test_threshold_not_a_number_is_a_usage_error():
    result = invoke("check", "--threshold", "abc", SELLING)
    assert result.exit_code == 2
    assert_no_traceback(result)
    assert "threshold" in result.stderr.lower()


# --------------------------------------------------------------------------- check: JSON schema

TOP_KEYS = {"schema_version", "label", "score", "threshold", "borderline", "kind", "signals", "sentences", "turns",
            "speakers", "speaker", "pitch_start", "pitcher", "advice", "low_evidence", "focus", "contributions",
            "ignored", "warnings", "error"}
SIGNAL_KEYS = {"text", "start", "end", "kind", "family", "habit", "weight"}
SEGMENT_KEYS = {"index", "text", "start", "end", "score", "speaker"}
SPEAKER_KEYS = {"name", "score", "turns", "label"}


@pytest.mark.parametrize("text", [SELLING, CONVERSATION, NO_SIGNALS])
def test_json_output_is_the_api_to_dict_with_a_pinned_schema(text):
    result = invoke("check", "--json", text)
    assert result.exit_code == expected_exit(text)
    assert result.stderr == ""
    data = as_json(result)
    assert data == api_dict(text)
    assert set(data) == TOP_KEYS
    assert data["schema_version"] == 1
    assert data["label"] in LABELS and 0.0 <= data["score"] <= 1.0 and data["error"] is None
    assert data["kind"] in {"message", "conversation"}
    assert set(data["focus"]) == {"sender", "recipient", "weight"}
    assert set(data["contributions"]) == {"intercept", "signals", "focus", "lexical"}
    for key in ("signals", "sentences", "turns", "speakers", "advice", "low_evidence", "ignored", "warnings"):
        assert isinstance(data[key], list), key
    for sig in data["signals"]:
        assert set(sig) == SIGNAL_KEYS
        assert text[sig["start"]:sig["end"]] == sig["text"], sig
        assert sig["family"] in {"selling", "relationship", "focus"}
    segments = data["turns"] if data["kind"] == "conversation" else data["sentences"]
    assert segments and not (data["turns"] and data["sentences"])
    for i, seg in enumerate(segments):
        assert set(seg) == SEGMENT_KEYS
        assert seg["index"] == i
        assert text[seg["start"]:seg["end"]] == seg["text"], seg
    for sp in data["speakers"]:
        assert set(sp) == SPEAKER_KEYS
        assert sp["label"] in LABELS


def test_json_of_a_conversation_names_the_speakers_and_the_pitcher():
    data = as_json(invoke("check", "--json", CONVERSATION))
    assert data["kind"] == "conversation"
    assert [sp["name"] for sp in data["speakers"]] == ["Ann", "Bob"]
    assert [t["speaker"] for t in data["turns"]] == ["Ann", "Bob", "Ann"]
    assert data["label"] == "direct_selling" and data["pitcher"] == "Ann" and data["pitch_start"] == 2


# --------------------------------------------------------------------------- check: reading and speakers


def test_conversation_and_message_flags_force_the_reading():
    auto = as_json(invoke("check", "--json", CONVERSATION))
    as_message = as_json(invoke("check", "--json", "--message", CONVERSATION))
    assert auto["kind"] == "conversation" and auto["turns"]
    assert as_message["kind"] == "message" and as_message["sentences"]
    assert as_message["turns"] == [] and as_message["speakers"] == [] and as_message["pitcher"] is None
    assert as_message == api_dict(CONVERSATION, kind="message")
    assert as_json(invoke("check", "--json", "--conversation", CONVERSATION)) == auto
    assert as_json(invoke("check", "--json", "--message", SELLING)) == api_dict(SELLING)


@pytest.mark.parametrize("text", [SELLING, RELATION, "Ann: Hi Bob, how was the trip?\nAnn: Book a demo today, only 2 spots left!"])
def test_conversation_flag_on_text_without_turns_is_not_an_internal_error(text):
    # No 'Name: text' turns from two speakers: either a readable input error or a result, never a crash.
    result = invoke("check", "--json", "--conversation", text)
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code == 2:
        assert_fails(result, 2, "conversation")
    else:
        assert as_json(result)["kind"] == "conversation"


def test_conversation_and_message_together_exit_2():
    assert_fails(invoke("check", "--conversation", "--message", CONVERSATION), 2, "--conversation", "--message")


@pytest.mark.parametrize("name", ["Bob", "bob"])
def test_speaker_checks_one_speakers_turns(name):
    result = invoke("check", "--speaker", name, CONVERSATION)
    assert result.exit_code == expected_exit(CONVERSATION, speaker="Bob") == 0, result.output
    assert "Checked only Bob's turns." in result.stdout
    data = as_json(invoke("check", "--json", "--speaker", name, CONVERSATION))
    assert data["speaker"] == "Bob"
    assert {t["speaker"] for t in data["turns"]} == {"Bob"}
    assert data == api_dict(CONVERSATION, speaker="Bob")


def test_speaker_who_pitches_exits_1():
    result = invoke("check", "--speaker", "Ann", CONVERSATION)
    assert result.exit_code == 1, result.output
    assert "Who pitches: Ann" in result.stdout


def test_unknown_speaker_exits_2_naming_the_speakers():
    line = assert_fails(invoke("check", "--speaker", "Carol", CONVERSATION), 2, "Carol")
    assert "Ann" in line and "Bob" in line


def test_speaker_on_a_message_exits_2():
    assert_fails(invoke("check", "--speaker", "Ann", SELLING), 2, "conversation")


# --------------------------------------------------------------------------- check: human output


def test_conversation_output_names_who_pitches_and_at_which_turn():
    result = invoke("check", CONVERSATION)
    assert result.exit_code == 1
    out = result.stdout
    assert "Who pitches: Ann" in out
    assert "The pitch starts in turn 3 (Ann)" in out
    assert "Speakers" in out and "Turn scores" in out


def test_message_output_says_where_the_pitch_starts_and_shows_signals_and_advice():
    api = pitchcheck.check(SELLING)
    result = invoke("check", SELLING)
    out = result.stdout
    start = api.sentences[api.pitch_start]
    assert f"The pitch starts in sentence {start.index + 1}: {start.text!r}" in out
    # the signals table: a title, a header and one row per non-focus signal
    assert "Signals" in out
    assert re.search(r"phrase\s+kind\s+weight\s+habit", out)
    for sig in api.signals:
        if sig.family != "focus":
            assert re.search(re.escape(sig.text) + r"\s+" + re.escape(sig.kind) + r"\s+" + re.escape(f"{sig.weight:+.2f}"), out), sig
    # advice lines quote the phrase they are about
    advice = [line.strip() for line in out.splitlines() if line.strip().startswith('- "')]
    assert advice and len(advice) == len(api.advice)
    selling = {sig.text for sig in api.signals if sig.family == "selling" and sig.weight > 0}
    quoted = {re.match(r'- "([^"]+)"', line).group(1) for line in advice}
    assert quoted == selling
    assert "Advice:" in out


def test_relationship_message_output_has_no_pitch_start_and_no_advice():
    out = invoke("check", RELATION).stdout
    assert "The pitch starts" not in out and "Who pitches" not in out
    assert not [line for line in out.splitlines() if line.strip().startswith('- "')]


def test_borderline_note_near_the_threshold_only():
    score = pitchcheck.check(RELATION).score
    near = score + 0.05 if score + 0.05 <= 1 else score - 0.05
    far = score + 0.3 if score + 0.3 <= 1 else score - 0.3
    near_out = invoke("check", "--threshold", f"{near:.6f}", RELATION)
    far_out = invoke("check", "--threshold", f"{far:.6f}", RELATION)
    assert "borderline" in near_out.stdout.lower()
    assert "borderline" not in far_out.stdout.lower()
    assert as_json(invoke("check", "--json", "--threshold", f"{near:.6f}", RELATION))["borderline"] is True


@pytest.mark.parametrize(
    "text, reason",
    [(SHORT, "very short"), (NO_SIGNALS, "no selling or relationship signals"), (NOT_ENGLISH, "not English")],
)
def test_little_evidence_note(text, reason):
    result = invoke("check", text)
    assert result.exit_code == expected_exit(text)
    notes = [line for line in result.stdout.splitlines() if line.startswith("Little evidence:")]
    assert any(reason in line for line in notes), result.stdout


def test_no_little_evidence_note_for_a_full_english_message():
    assert "Little evidence" not in invoke("check", SELLING).stdout


@pytest.mark.parametrize("no_color", [None, "1"])
@pytest.mark.parametrize("text", [SELLING, CONVERSATION, NOT_ENGLISH])
def test_plain_text_without_ansi_codes_when_not_a_terminal(text, no_color):
    result = invoke("check", text, env={"NO_COLOR": no_color})
    assert "\x1b" not in result.output, repr(result.output[:300])
    assert "[[" in result.stdout or "((" in result.stdout or text == NOT_ENGLISH  # the plain markers


# A terminal as Rich sees one: FORCE_COLOR (or TTY_COMPATIBLE) makes it one without a real tty.
_TERMINAL = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}


@pytest.mark.parametrize("terminal", [_TERMINAL, {"TTY_COMPATIBLE": "1", "TERM": "xterm-256color"}], ids=["FORCE_COLOR", "TTY_COMPATIBLE"])
@pytest.mark.parametrize("args", [["check", SELLING], ["check", CONVERSATION], ["evaluate"]], ids=["message", "conversation", "evaluate"])
def test_no_color_on_a_terminal_gives_plain_text_without_any_escape_code(terminal, args):
    # Rich's no_color drops colours but keeps bold and italic (verdict, table titles): not plain
    result = invoke(*args, env={**terminal, "NO_COLOR": "1"})
    assert result.exit_code in (0, 1), result.output
    assert "\x1b" not in result.output, repr(result.output[:300])
    if args[0] == "check":
        assert "[[" in result.stdout and "(selling phrases in [[...]]" in result.stdout  # the plain markers


@pytest.mark.parametrize("args", [["check", SELLING], ["evaluate"]], ids=["check", "evaluate"])
def test_a_terminal_without_no_color_gets_colours_and_styles(args):
    result = invoke(*args, env=_TERMINAL)
    assert result.exit_code in (0, 1), result.output
    assert "\x1b[" in result.stdout, repr(result.stdout[:300])
    if args[0] == "check":
        assert re.search(r"\x1b\[[0-9;]*31[;m]", result.stdout), repr(result.stdout[:300])  # red: selling evidence
        assert "[[" not in result.stdout  # highlighted, not marked
        assert "DIRECT SELLING" in ANSI.sub("", result.stdout)


def test_an_empty_no_color_does_not_turn_colours_off():
    # https://no-color.org: only a non-empty value counts
    assert "\x1b[" in invoke("check", SELLING, env={**_TERMINAL, "NO_COLOR": ""}).stdout


def test_a_dumb_terminal_gets_the_plain_markers():
    # TERM=dumb: a terminal without escape codes; the evidence must still be marked
    result = invoke("check", SELLING, env={"TTY_COMPATIBLE": "1", "TERM": "dumb"})
    assert "\x1b" not in result.output and "[[" in result.stdout, repr(result.stdout[:300])


def test_no_ansi_codes_from_evaluate_info_or_errors():
    for args in (["evaluate"], ["info"], ["check", ""], ["check", "--speaker", "X", SELLING]):
        result = invoke(*args)
        assert "\x1b" not in result.output, (args, result.output[:300])


# --------------------------------------------------------------------------- check: bad input


def _bad_check_args(case: str, tmp_path: Path) -> tuple[list, bytes | str | None, tuple[str, ...]]:
    if case == "empty":
        return ["check", ""], None, ("empty",)
    if case == "whitespace":
        return ["check", "  \n\t  "], None, ("empty",)
    if case == "empty-stdin":
        return ["check"], "", ("empty",)
    if case == "whitespace-stdin":
        return ["check", "-"], "   \n\n", ("empty",)
    if case == "non-utf8-stdin":
        return ["check", "-"], "caf\xe9 au lait".encode("latin-1"), ("UTF-8",)
    if case == "missing-file":
        return ["check", "--file", tmp_path / "missing.txt"], None, ("missing.txt",)
    if case == "directory":
        return ["check", "--file", tmp_path], None, ("directory",)
    if case == "binary-file":
        path = tmp_path / "image.png"
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
        return ["check", "--file", path], None, ("binary",)
    if case == "non-utf8-file":
        path = tmp_path / "latin1.txt"
        path.write_bytes("Caf\xe9 cr\xe8me, thanks for the intro!".encode("latin-1"))
        return ["check", "--file", path], None, ("UTF-8",)
    if case == "empty-file":
        path = tmp_path / "empty.txt"
        path.write_bytes(b"")
        return ["check", "--file", path], None, ("empty",)
    if case == "text-and-file":
        path = tmp_path / "message.txt"
        path.write_text(SELLING, encoding="utf-8")
        return ["check", SELLING, "--file", path], None, ("--file",)
    if case == "conversation-and-message":
        return ["check", "--conversation", "--message", CONVERSATION], None, ("--message",)
    raise AssertionError(case)


@pytest.mark.parametrize("case", ["empty", "whitespace", "empty-stdin", "whitespace-stdin", "non-utf8-stdin",
                                  "missing-file", "directory", "binary-file", "non-utf8-file", "empty-file",
                                  "text-and-file", "conversation-and-message"])
def test_bad_input_exits_2_with_one_readable_line(case, tmp_path):
    args, stdin, needles = _bad_check_args(case, tmp_path)
    line = assert_fails(invoke(*args, input=stdin), 2, *needles)
    assert line.startswith("pitchcheck:")


def _module(name: str):
    return importlib.import_module(name)  # sys.modules entry, even when the package shadows the name


INTERNAL = [
    (["check", SELLING], "pitchcheck.api", "check"),
    (["batch", "in.csv", "-o", "out.csv"], "pitchcheck.batch", "check_file"),
    (["train", "--output", "m.joblib"], "pitchcheck.training", "train"),
    (["evaluate"], "pitchcheck.evaluation", "evaluate"),
    (["info"], "pitchcheck.persistence", "info"),
]


@pytest.mark.parametrize("args, module, name", INTERNAL, ids=[a[0] for a, _, _ in INTERNAL])
def test_internal_error_exits_3_with_one_line(args, module, name, monkeypatch, tmp_path):
    def boom(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(_module(module), name, boom)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_text("text\nhello there\n", encoding="utf-8")
    line = assert_fails(invoke(*args), 3, "internal error")
    assert "boom" in line
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "m.joblib").exists()


def test_a_pitchcheck_error_from_the_api_is_a_usage_error(monkeypatch):
    def refuse(*a, **k):
        raise pitchcheck.errors.InputError("nope, not this text")

    monkeypatch.setattr(_module("pitchcheck.api"), "check", refuse)
    assert_fails(invoke("check", SELLING), 2, "nope, not this text")


# --------------------------------------------------------------------------- long input

LONG_MESSAGE = ("Loved your talk on hiring last week! We help teams like yours cut costs 30%. "
                "Free for a quick call Tuesday? ")


class _TooSlow(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` swallows it."""


@contextlib.contextmanager
def time_limit(seconds: float, what: str):
    if not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(signum, frame):
        raise _TooSlow()

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TooSlow:
        pytest.fail(f"{what} took more than {seconds:g} s", pytrace=False)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_api_check_of_a_text_over_a_million_characters_warns_it_was_truncated():
    # A tenth of the size first: the time must grow about linearly, so this is quick
    # (well under a second) and a super-linear slowdown fails here, fast.
    with time_limit(10, "check() of a realistic 100,000-character message"):
        pitchcheck.check(LONG_MESSAGE * (100_000 // len(LONG_MESSAGE) + 1))
    text = LONG_MESSAGE * (1_000_000 // len(LONG_MESSAGE) + 2)
    assert len(text) > 1_000_000
    with time_limit(60, "check() of a realistic 1,000,000-character message"):
        result = pitchcheck.check(text)
    assert result.label in LABELS and 0.0 <= result.score <= 1.0 and result.error is None
    assert any("truncated" in w for w in result.warnings), result.warnings
    assert result.signals and all(text[s.start:s.end] == s.text for s in result.signals)


def test_cli_check_of_a_text_over_a_million_characters_shows_a_warning():
    # a short note with a long pasted document (few sentences and signals keeps the output small)
    head = "Hi Dana, thanks for the chat at the meetup last week. Here are the raw minutes, as promised: "
    filler = "minutes of the board meeting item four budget review item five venue for the annual picnic "
    text = head + filler * (1_000_000 // len(filler) + 1)
    assert len(text) > 1_000_000
    with time_limit(60, "pitchcheck check of a 1,000,000-character text"):
        result = invoke("check", "-", input=text)
    assert result.exit_code in (0, 1), result.output[-2000:]
    assert_no_traceback(result)
    warnings = [line for line in result.stdout.splitlines() if line.startswith("Warning:")]
    assert warnings and "truncated" in warnings[0], result.stdout[:2000]


# --------------------------------------------------------------------------- train

_SELLING_ROWS = [
    "Book a demo today and get 30% off your first year.",
    "Only 2 spots left this month, reply now to lock in the discount.",
    "We help teams like yours cut costs by 40%. Free for a quick call Tuesday?",
    "Our platform doubles your pipeline. Schedule a 15 minute demo here.",
    "Limited time offer: buy one license, get the second free.",
    "I'd love to show you our product. Can we hop on a call this week?",
    "Sign up before Friday and save $200 on the annual plan.",
    "Our agency delivers guaranteed results. Let's set up a sales call.",
    "Act now: the early bird price ends tonight.",
    "We're the leading CRM for startups. Want a free trial?",
    "Upgrade to premium today and unlock every feature for $49 a month.",
    "Companies like yours save hours with our tool. Book your demo now.",
    "Don't miss out, our biggest sale of the year ends Sunday.",
    "Can I get 20 minutes on your calendar to pitch our solution?",
    "Our software boosts revenue 3x. Reply YES for pricing.",
    "Exclusive deal for you: 50% off if you sign this week.",
    "We offer the best payroll service in the market. Buy now.",
    "Hurry, only a few seats remain for our paid masterclass.",
    "Let me send you a quote for our consulting package today.",
    "Try our product free for 14 days, then just $99 a month.",
]
_RELATION_ROWS = [
    "Loved your talk on hiring last week, the part about onboarding stuck with me.",
    "Thanks for the intro to Maria, we had a great chat about gardening.",
    "Congrats on the new role! How are you settling in?",
    "I read your article on remote teams and shared it with my colleagues.",
    "Great to meet you at the meetup, hope the move went smoothly.",
    "How did the marathon go? I remember you were training hard.",
    "Saw this podcast on climate tech and thought of you, no need to reply.",
    "Thank you for your advice on my resume, it really helped.",
    "Happy birthday! Hope you get a relaxing weekend with the family.",
    "Your question at the panel was the best one of the day.",
    "I'm happy to introduce you to a friend who works in design, if useful.",
    "What got you interested in robotics in the first place?",
    "It was lovely catching up over coffee, let's do it again sometime.",
    "I enjoyed your photos from the hiking trip, the views looked amazing.",
    "Congratulations on the book launch, I just ordered a copy for my sister.",
    "Thanks for sharing your notes from the workshop, they were so clear.",
    "How is your daughter liking her new school?",
    "I found an article on the topic we discussed and thought you'd enjoy it.",
    "Welcome to the community! Let me know if I can help you find anything.",
    "Your volunteering work with the food bank is really inspiring.",
]


def write_labeled_csv(path: Path, *, with_split: bool = False, bad_label_at: int | None = None, n: int = 20) -> Path:
    """A balanced labeled CSV (2 * n rows, alternating labels); row i is on line i + 2."""
    rows = []
    for i, (sell, rel) in enumerate(zip(_SELLING_ROWS[:n], _RELATION_ROWS[:n])):
        rows.append([sell, "direct_selling", "test" if i % 5 == 4 else "train"])
        rows.append([rel, "relationship_building", "test" if i % 5 == 4 else "train"])
    if bad_label_at is not None:
        rows[bad_label_at][1] = "spam"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text", "label", "split"] if with_split else ["text", "label"])
        writer.writerows(row if with_split else row[:2] for row in rows)
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """Train once on a 40-row CSV without a split column (about ten seconds)."""
    folder = tmp_path_factory.mktemp("trained")
    data = write_labeled_csv(folder / "labeled.csv")
    result = invoke("train", "--data", data, "--output", folder / "out" / "my-model.joblib", "--seed", "0")
    return folder, result


def test_train_writes_model_metadata_and_card(trained):
    folder, result = trained
    assert result.exit_code == 0, result.output
    assert_no_traceback(result)
    model = folder / "out" / "my-model.joblib"
    assert model.is_file() and (folder / "out" / "my-model.json").is_file() and (folder / "out" / "MODEL_CARD.md").is_file()
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["MODEL_CARD.md", "my-model.joblib", "my-model.json"]
    meta = json.loads((folder / "out" / "my-model.json").read_text(encoding="utf-8"))
    assert meta["sha256"] == hashlib.sha256(model.read_bytes()).hexdigest()
    # no split column: a seeded, stratified 80/20 split was made
    assert (meta["training"]["n_train"], meta["training"]["n_test"]) == (32, 8)
    assert "Saved" in result.stdout and "macro-F1" in result.stdout


def test_check_with_the_trained_model(trained):
    folder, _ = trained
    model = folder / "out" / "my-model.joblib"
    result = invoke("check", "--json", "--model", model, SELLING)
    data = as_json(result)
    assert data == api_dict(SELLING, model=str(model))
    assert result.exit_code == (1 if data["label"] == "direct_selling" else 0)
    assert data["threshold"] == json.loads(model.with_suffix(".json").read_text(encoding="utf-8"))["threshold"]
    assert invoke("info", "--model", model).stdout.count(hashlib.sha256(model.read_bytes()).hexdigest()) == 1


def test_train_with_a_bad_label_exits_2_naming_the_row(tmp_path):
    data = write_labeled_csv(tmp_path / "bad.csv", bad_label_at=6)  # data row 7, line 8
    out = tmp_path / "m.joblib"
    line = assert_fails(invoke("train", "--data", data, "--output", out), 2, "row 8", "spam")
    assert "label" in line
    assert list(tmp_path.iterdir()) == [data]


@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_data_csv_with_a_row_wider_than_the_header_exits_2_naming_the_line(command, tmp_path):
    # unquoted commas: left to pandas, the texts would become the index and the labels the texts
    data = write_labeled_csv(tmp_path / "labeled.csv")
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = "Thanks, really, for the intro to Maria,relationship_building\n"
    data.write_text("".join(lines), encoding="utf-8")
    args = ["--output", tmp_path / "m.joblib"] if command == "train" else []
    assert_fails(invoke(command, "--data", data, *args), 2, "line 5", "4 fields", "2 columns")
    assert list(tmp_path.iterdir()) == [data]


def test_train_with_missing_data_file_exits_2(tmp_path):
    assert_fails(invoke("train", "--data", tmp_path / "missing.csv", "--output", tmp_path / "m.joblib"), 2)
    assert list(tmp_path.iterdir()) == []


def test_train_with_too_few_rows_is_an_input_error_not_an_internal_error(tmp_path):
    data = write_labeled_csv(tmp_path / "tiny.csv", n=2)  # 4 rows: too few to split and cross-validate
    assert_fails(invoke("train", "--data", data, "--output", tmp_path / "m.joblib"), 2)
    assert list(tmp_path.iterdir()) == [data]


# --------------------------------------------------------------------------- evaluate


def test_evaluate_prints_macro_f1_and_a_confusion_matrix():
    result = invoke("evaluate")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Split: test" in out and "macro-F1" in out
    assert "Confusion matrix" in out
    ev = evaluate_api()
    cm = ev.results["all"]["confusion_matrix"]
    for label, row in zip(cm["labels"], cm["matrix"]):
        assert re.search(rf"^\s+{label}\s+\[{row[0]}, {row[1]}\]\s*$", out, re.M), out
    assert f"{ev.results['all']['macro_f1']:.3f}" in out
    assert "(baseline)" not in out


def test_evaluate_json_parses():
    result = invoke("evaluate", "--json")
    assert result.exit_code == 0
    data = as_json(result)
    assert data["split"] == "test"
    assert data == json.loads(json.dumps(evaluate_api().to_dict()))
    assert 0.0 <= data["results"]["all"]["macro_f1"] <= 1.0
    assert data["baseline"] is None


def test_evaluate_baseline_adds_baseline_rows(tmp_path):
    data = write_labeled_csv(tmp_path / "labeled.csv", with_split=True)
    result = invoke("evaluate", "--data", data, "--baseline")
    assert result.exit_code == 0, result.output
    assert "all (baseline)" in result.stdout and "Baseline C chosen" in result.stdout
    as_dict = as_json(invoke("evaluate", "--data", data, "--baseline", "--json"))
    assert as_dict["baseline"]["all"]["n"] == 8 and as_dict["baseline_C"] is not None


def test_pitchcheck_evaluate_stays_the_function_after_the_cli_runs():
    # In a fresh process: the command imports the submodule pitchcheck.evaluate, which must not
    # replace the public function pitchcheck.evaluate (same name) in the package namespace.
    code = (
        "import types, pitchcheck\n"
        "from typer.testing import CliRunner\n"
        "from pitchcheck.cli import app\n"
        "result = CliRunner().invoke(app, ['evaluate', '--split', 'bogus'])\n"
        "assert result.exit_code == 2, result.output\n"
        "assert not isinstance(pitchcheck.evaluate, types.ModuleType), pitchcheck.evaluate\n"
        "assert callable(pitchcheck.evaluate)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.mark.parametrize("args", [["--split", "bogus"], ["--split", ""], ["--data", "missing.csv"]])
def test_evaluate_bad_options_exit_2(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_fails(invoke("evaluate", *args), 2)


# --------------------------------------------------------------------------- info and version


def test_info_shows_versions_and_the_model_sha256():
    sha = hashlib.sha256(SHIPPED_MODEL.read_bytes()).hexdigest()
    result = invoke("info")
    assert result.exit_code == 0
    out = result.stdout
    assert re.search(rf"^model sha256\s+{sha}$", out, re.M), out
    assert re.search(rf"^pitchcheck\s+{re.escape(pitchcheck.__version__)}$", out, re.M)
    assert re.search(r"^scikit-learn\s+\S+$", out, re.M) and re.search(r"^spacy\s+\S+$", out, re.M)


def test_info_json():
    data = as_json(invoke("info", "--json"))
    assert data["model"]["sha256"] == hashlib.sha256(SHIPPED_MODEL.read_bytes()).hexdigest()
    assert data["versions"]["pitchcheck"] == pitchcheck.__version__
    assert {"pitchcheck", "scikit-learn", "spacy"} <= set(data["versions"])


def test_version_option():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"pitchcheck {pitchcheck.__version__}"


def test_python_dash_m_version():
    proc = subprocess.run([sys.executable, "-m", "pitchcheck", "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"pitchcheck {pitchcheck.__version__}"
    assert "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- help


def _command_names() -> list[str]:
    names = [info.name or info.callback.__name__.replace("_", "-") for info in app.registered_commands]
    assert set(names) == set(typer.main.get_command(app).commands)  # what Click sees
    return names


def test_the_commands_are_registered():
    assert set(_command_names()) == {"check", "batch", "train", "evaluate", "info"}


@pytest.mark.parametrize("command", [None, *_command_names()])
def test_every_command_has_help_with_an_example(command):
    result = invoke(*([command] if command else []), "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout
    assert "Usage:" in result.stdout


def test_no_arguments_shows_help():
    result = invoke()
    assert result.exit_code in (0, 2)
    assert "Usage:" in result.output and "check" in result.output


def test_main_freezes_the_heap_before_exit_and_keeps_the_exit_code(monkeypatch, capsys):
    """The console script skips CPython's full collection at exit (gc.freeze), whatever the outcome."""
    import gc

    from pitchcheck import cli

    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(sys, "argv", ["pitchcheck", "--version"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 0 and frozen == [True]
    assert pitchcheck.__version__ in capsys.readouterr().out
    monkeypatch.setattr(sys, "argv", ["pitchcheck", "check", ""])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 2 and frozen == [True, True]
