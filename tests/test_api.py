"""check / check_many: results, offsets, evidence, explanations, thread safety."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pitchcheck
from pitchcheck.normalize import normalize

SLAP = "Loved your post on hiring! BTW we help startups cut hiring costs 40%, open to a quick call this week?"
WARM = "Thanks again for the intro to Dana last week. If you ever want a second pair of eyes on your deck, happy to help, no strings."
CONVO = "Ana: Great meeting you at the mixer!\nBen: Likewise. How is the new studio going?\nAna: Busy! Btw we have 3 spots left in our $499 package, want one?"


def test_import_is_cheap() -> None:
    code = "import sys, pitchcheck; print(sorted(m for m in ('spacy', 'sklearn', 'pandas') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_check_labels_the_guide_examples() -> None:
    assert pitchcheck.check(SLAP).label == "direct_selling"
    assert pitchcheck.check(WARM).label == "relationship_building"


def test_result_fields_and_offsets_point_into_the_input() -> None:
    r = pitchcheck.check(SLAP)
    assert 0.0 <= r.score <= 1.0 and r.threshold == pitchcheck.load_model().threshold
    assert r.kind == "message" and r.sentences and not r.turns
    assert any(s.family == "selling" for s in r.signals)
    for s in r.signals:
        assert SLAP[s.start : s.end] == s.text
    for seg in r.sentences:
        assert SLAP[seg.start : seg.end] == seg.text
    assert r.pitch_start is not None
    assert any(a.startswith('"') for a in r.advice)
    json.dumps(r.to_dict())
    assert r.to_dict()["schema_version"] == 1


def test_signal_weights_add_up_to_the_log_odds() -> None:
    import math

    r = pitchcheck.check(SLAP)
    c = r.contributions
    logit = c["intercept"] + c["signals"] + c["focus"] + c["lexical"]
    assert abs(1 / (1 + math.exp(-logit)) - r.score) < 1e-4
    assert abs(sum(s.weight for s in r.signals) - c["signals"]) < 1e-4


def test_removing_the_top_selling_phrase_lowers_the_score() -> None:
    r = pitchcheck.check(SLAP)
    top = max((s for s in r.signals if s.family == "selling"), key=lambda s: s.weight)
    edited = SLAP[: top.start] + SLAP[top.end :]
    assert pitchcheck.check(edited).score < r.score


def test_conversation_turns_speakers_and_pitcher() -> None:
    r = pitchcheck.check(CONVO)
    assert r.kind == "conversation" and len(r.turns) == 3 and not r.sentences
    assert [t.speaker for t in r.turns] == ["Ana", "Ben", "Ana"]
    assert r.label == "direct_selling" and r.pitcher == "Ana" and r.pitch_start == 2
    assert {s.name for s in r.speakers} == {"Ana", "Ben"}
    for t in r.turns:
        assert CONVO[t.start : t.end] == t.text
    ben = pitchcheck.check(CONVO, speaker="ben")
    assert ben.label == "relationship_building" and ben.speaker == "Ben"
    with pytest.raises(pitchcheck.InputError, match="no speaker"):
        pitchcheck.check(CONVO, speaker="Zed")
    assert pitchcheck.check(CONVO, kind="message").kind == "message"


def test_low_evidence_is_reported() -> None:
    assert any("very short" in x for x in pitchcheck.check("ok, see you").low_evidence)
    assert any("not English" in x for x in pitchcheck.check("Hola María, gracias por la presentación de ayer, fue muy interesante para todos nosotros.").low_evidence)
    assert not pitchcheck.check(SLAP).low_evidence


def test_threshold_override_and_borderline() -> None:
    r = pitchcheck.check(WARM, threshold=0.0)
    assert r.label == "direct_selling" and r.threshold == 0.0
    near = pitchcheck.check(WARM, threshold=pitchcheck.check(WARM).score + 0.01)
    assert near.borderline
    with pytest.raises(pitchcheck.InputError):
        pitchcheck.check(WARM, threshold=1.5)


@pytest.mark.parametrize("bad", ["", "   \n\t ", None, 42, b"bytes"])
def test_bad_input_raises_documented_errors(bad: object) -> None:
    with pytest.raises(pitchcheck.PitchcheckError) as info:
        pitchcheck.check(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, (ValueError, TypeError))


def test_check_many_keeps_order_and_returns_errors_in_place() -> None:
    texts = [SLAP, "", WARM, None, CONVO]
    results = list(pitchcheck.check_many(texts, on_error="return", batch_size=2))
    assert len(results) == 5
    assert [r.error is not None for r in results] == [False, True, False, True, False]
    assert results[0].label == pitchcheck.check(SLAP).label and results[4].kind == "conversation"
    assert results[0].score == pitchcheck.check(SLAP).score
    with pytest.raises(pitchcheck.InputError):
        list(pitchcheck.check_many(texts))
    with pytest.raises(pitchcheck.InputTypeError):
        pitchcheck.check_many("a single string")


def test_check_is_thread_safe() -> None:
    texts = pitchcheck.load_corpus("test").text.tolist()[:200]
    serial = [(r.label, r.score, tuple((s.start, s.kind) for s in r.signals)) for r in map(pitchcheck.check, texts)]
    def run(_: int) -> list:
        return [(r.label, r.score, tuple((s.start, s.kind) for s in r.signals)) for r in map(pitchcheck.check, texts)]
    with ThreadPoolExecutor(8) as pool:
        for out in pool.map(run, range(8)):
            assert out == serial


def test_most_selling_predictions_on_test_show_a_selling_signal() -> None:
    test = pitchcheck.load_corpus("test")
    pitches = [r for r in pitchcheck.check_many(test.text) if r.label == "direct_selling"]
    shown = sum(any(s.family == "selling" for s in r.signals) for r in pitches)
    assert shown / len(pitches) >= 0.90


def test_html_quoted_reply_and_signature_are_set_aside() -> None:
    text = "<p>Hi Jo,</p><p>Thanks&nbsp;for the intro!</p>\nOn Mon, Jan 5, 2026 at 9:00 Sam wrote:\n> Only 2 spots left, book now for $99!\n"
    r = pitchcheck.check(text)
    assert r.label == "relationship_building"
    assert any(reg.reason == "quoted reply" for reg in r.ignored)
    for s in r.signals:
        assert text[s.start : s.end] == s.text
    sig = pitchcheck.check("Thanks for the chat today!\n-- \nJo Ramos | Book a demo: cal.example.com/jo | 20% off")
    assert not any(s.family == "selling" for s in sig.signals)


@pytest.mark.parametrize(
    "quoted",
    [
        "From: Jonas Becker <j@example.com>\nSent: Tuesday, March 10, 2026 9:17 AM\nTo: Anneke\nSubject: Gearboxes\n\nCould we schedule a 20-minute call?",
        "Van: Jonas Becker <j@example.com>\nVerzonden: dinsdag 10 maart 2026 09:17\nAan: Anneke\nOnderwerp: Gearboxes\n\nCould we schedule a call?",
        "Am 10.03.2026 um 09:17 schrieb Jonas Becker <j@example.com>:\nCould we schedule a 20-minute call?",
        "Le mar. 10 mars 2026 à 09:17, Jonas a écrit :\nCould we schedule a 20-minute call?",
    ],
)
def test_a_mail_clients_quoted_message_is_set_aside(quoted: str) -> None:
    text = f"Not for us, sorry, but Henrik at Dalsgaard might be a fit. Want an intro?\n\n{quoted}"
    r = pitchcheck.check(text)
    assert [reg.reason for reg in r.ignored] == ["quoted reply"]
    assert text[r.ignored[0].start :].startswith(quoted.split("\n")[0])
    assert not any(s.kind == "call_to_action" for s in r.signals)


def test_a_header_block_at_the_start_is_the_message_itself() -> None:
    text = "From: Ana\nSent: Monday\nTo: Bo\nSubject: hi\n\nThanks for the intro to Priya!"
    assert pitchcheck.check(text).ignored == ()


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_normalize_offsets_map_back_into_the_input(text: str) -> None:
    n = normalize(text)
    assert len(n.starts) == len(n.text) == len(n.ends)
    for i in range(len(n.text)):
        a, b = n.to_original(i, i + 1)
        assert 0 <= a < b <= len(text)
    assert list(n.starts) == sorted(n.starts)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc Thanks! book a call $99 you your we\n&amp;<p>’—")), min_size=1, max_size=120).filter(lambda t: t.strip()))
def test_signal_offsets_always_slice_the_input(text: str) -> None:
    r = pitchcheck.check(text)
    for s in r.signals:
        assert text[s.start : s.end] == s.text


def test_check_many_yields_the_results_before_a_text_that_cannot_be_checked() -> None:
    from pitchcheck import InputError, check_many

    results = check_many(["Ana: Loved your talk!\nBen: Thanks, glad it helped.", "Just a plain message."], kind="conversation")
    first = next(results)
    assert first.kind == "conversation" and first.label is not None
    with pytest.raises(InputError, match="no line looks like"):
        next(results)
