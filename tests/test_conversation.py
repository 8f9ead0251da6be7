"""The conversation rule: every non-empty line is ``Name: text`` (a name of at most 30
characters and three words, not an e-mail header or closing), with two or more names.

Each case below changes one thing in a text that does read as a conversation, so a
failure points at the one exclusion that broke.
"""

from __future__ import annotations

import pytest

import pitchcheck
from pitchcheck.conversation import NOT_SPEAKER_NAMES, is_conversation, split_turns

TWO_SPEAKERS = "Ana: Great to meet you at the meetup!\nBen: Likewise, how is the new job?\n"


def test_two_speakers_read_as_a_conversation():
    turns = split_turns(TWO_SPEAKERS)
    assert [t.speaker for t in turns] == ["Ana", "Ben"]
    assert [TWO_SPEAKERS[t.start:t.end] for t in turns] == ["Great to meet you at the meetup!", "Likewise, how is the new job?"]


HEADERS_AND_CLOSINGS = ["Subject", "Re", "RE", "Fwd", "FW", "From", "To", "Cc", "CC", "Bcc", "Date", "P.S.", "P.S", "PS",
                        "Best", "Regards", "Best regards", "Kind regards", "Thanks", "Thank you", "Cheers", "Note", "NB"]


@pytest.mark.parametrize("name", HEADERS_AND_CLOSINGS)
def test_a_header_or_closing_line_makes_it_a_message(name):
    # the same two speakers, plus one line that a mail or a note would have
    assert name.lower().rstrip(".") in NOT_SPEAKER_NAMES
    assert not is_conversation(f"{name}: quick question about the meetup\n{TWO_SPEAKERS}")
    assert not is_conversation(f"{TWO_SPEAKERS}{name}: Ana")


def test_header_lines_alone_are_not_two_speakers():
    # "From" and "To" would be two distinct names if they counted as speakers
    assert not is_conversation("From: Ana Lopez\nTo: Ben Okafor\nSubject: Intro")
    assert not is_conversation("Re: your talk\nFwd: slides")


def test_a_name_of_30_characters_speaks_but_not_31():
    name30 = "Maximiliana Alexandrovna Smith"
    assert len(name30) == 30
    assert [t.speaker for t in split_turns(f"{name30}: Hello there!\nBen: Hi!")] == [name30, "Ben"]
    name31 = name30 + "e"
    assert not is_conversation(f"{name31}: Hello there!\nBen: Hi!")
    assert not is_conversation(f"{'A' * 31}: Hello there!\nBen: Hi!")


def test_a_name_of_more_than_three_words_is_not_a_speaker():
    assert is_conversation("Ana Maria Lopez: Hi!\nBen: Hello!")
    assert not is_conversation("Ana Maria de Lopez: Hi!\nBen: Hello!")


@pytest.mark.parametrize("text", [
    "Ana: Hi Ben, great to meet you.",
    "Ana: Hi Ben, great to meet you.\nAna: Are you free next week?",
    "Ana: Hi!\n\nAna: Still there?\n",
])
def test_a_single_speaker_is_not_a_conversation(text):
    assert not is_conversation(text)


def test_one_line_that_is_not_a_turn_makes_it_a_message():
    assert not is_conversation(TWO_SPEAKERS + "Looking forward to it.\n")
    assert not is_conversation("Hi Ana,\n" + TWO_SPEAKERS)


def test_blank_lines_between_turns_are_allowed():
    assert is_conversation("Ana: Hi!\n\n   \nBen: Hello!\n")


def test_check_reads_kind_by_the_same_rule():
    assert pitchcheck.check(TWO_SPEAKERS).kind == "conversation"
    assert pitchcheck.check(f"Subject: quick question\n{TWO_SPEAKERS}").kind == "message"
    assert pitchcheck.check("Ana: Hi Ben!\nAna: Are you free next week?").kind == "message"


@pytest.mark.parametrize(
    ("text", "speakers", "first_turn"),
    [
        ("Kofi (mod): photowalk Sat 10am\nsable_and_silver: count me in", ["Kofi", "sable_and_silver"], "photowalk Sat 10am"),
        ("Suresh | Harbour Homes: free valuations on your road\nImogen: no thanks", ["Suresh", "Imogen"], "free valuations on your road"),
        ("[12/03/2024, 09:15:22] Sam: hi there\n[12/03/2024, 09:16:01] Jo Park: hey!", ["Sam", "Jo Park"], "hi there"),
        ("12/03/2024, 09:15 - Sam: hi there\n12/03/2024, 09:16 - Jo: hey", ["Sam", "Jo"], "hi there"),
        ("[09:15] Sam: hi\n[9:16 PM] Jo (host): hello", ["Sam", "Jo"], "hi"),
        ("Siobhan: shipping to Ireland?\nHearth & Hive: 6.50 flat", ["Siobhan", "Hearth & Hive"], "shipping to Ireland?"),
        ("Shira: our menorah!\nOak & Flame Studio: chag sameach!", ["Shira", "Oak & Flame Studio"], "our menorah!"),
        ("Femi: are my glasses ready?\nRhiannon @ Clearview: all done, no charge!", ["Femi", "Rhiannon"], "are my glasses ready?"),
        ("@sable_and_silver: count me in\n@kofi_walks: see you at 10", ["sable_and_silver", "kofi_walks"], "count me in"),
        ("u/quietops: how do you handle failed cards?\nu/kalinda_b: smart retries first", ["quietops", "kalinda_b"], "how do you handle failed cards?"),
        ("**Priya:** loved the demo day\n**Tom (host):** thanks, come again!", ["Priya", "Tom"], "loved the demo day"),
        ("**Priya**: loved the demo day\n__Tom__: thanks!", ["Priya", "Tom"], "loved the demo day"),
    ],
)
def test_chat_export_lines_with_roles_and_timestamps_are_turns(text, speakers, first_turn):
    """A role or business after the name and a timestamp before it, as chat apps export them."""
    turns = split_turns(text)
    assert turns is not None
    assert [t.speaker for t in turns] == speakers
    assert text[turns[0].start : turns[0].end] == first_turn


@pytest.mark.parametrize(
    "text",
    [
        "Price (per hour): $50\nLocation (central): London",  # headers stay headers, with or without a note
        "Note (important): bring ID\nAna: ok",
        "Ana (mod) (admin): hi\nBen: hello",  # one role at most
        "Ana @ Harbour @ Homes: hi\nBen: hello",
        "Pros & cons of renting: none\nBen: ok",  # four words besides the '&'
        "Email me @ 9am: the usual\nBen: ok",
        "[not a time] Ana: hi\nBen: hello",
        "**Note:** bring ID\n**Edit:** and a pen",  # a bold header is still a header
        "***Ana:** hi\n**Ben:** hello",  # bold marks are two stars, not three
    ],
)
def test_roles_and_timestamps_do_not_make_other_lines_turns(text):
    assert not is_conversation(text)


def test_a_chat_export_is_checked_turn_by_turn_with_its_speakers():
    text = (
        "[12/03/2024, 09:15] Imogen: anyone else's neighbours doing building work at 7am?\n"
        "[12/03/2024, 09:20] Pat (mod): council rules are 8am Saturdays, log it\n"
        "[12/03/2024, 09:31] Suresh | Harbour Homes: if it makes you think about a move, free valuations on your road this month, just message me"
    )
    result = pitchcheck.check(text)
    assert result.kind == "conversation"
    assert [s.name for s in result.speakers] == ["Imogen", "Pat", "Suresh"]
    assert result.pitcher == "Suresh"
    assert [t.speaker for t in result.turns] == ["Imogen", "Pat", "Suresh"]
    assert all(text[t.start : t.end] == t.text for t in result.turns)
    assert pitchcheck.check(text, speaker="pat").label == "relationship_building"


def test_headings_with_an_ampersand_are_not_speakers():
    assert not is_conversation("Q&A: Thursday at 3, room 2\nR&D: the budget is signed off")
