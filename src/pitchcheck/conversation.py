"""Telling a conversation snippet from a message, and splitting it into turns.

A text reads as a conversation when every non-empty line looks like ``Name: text``,
where the name is at most 30 characters and three words (a ``&`` is not a word:
``Oak & Flame Studio``), starts with a letter, and
is not an e-mail header or a closing (``Subject``, ``Re``, ``From``, ``P.S.``,
``Best``, ``Thanks``, ``Note``...), and at least two distinct names speak.

Lines as chat apps and forums export them are read too: a role or a business after the
name (``Kofi (mod): ...``, ``Suresh | Harbour Homes: ...``, ``Rhiannon @ Clearview: ...``;
the speaker is ``Kofi``, ``Suresh``, ``Rhiannon``), an ``@`` or Reddit's ``u/`` before a handle
(``@sable_and_silver: ...``, ``u/quietops: ...``; the speaker is ``sable_and_silver``, ``quietops``) and a timestamp before it (``[12/03/2024, 09:15] Sam: ...``,
``12/03/2024, 09:15 - Sam: ...``, ``[09:15] Sam: ...``), and a name in markdown bold
(``**Sam:** ...``, ``**Sam**: ...``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["TurnLine", "is_conversation", "split_turns", "NOT_SPEAKER_NAMES"]

NOT_SPEAKER_NAMES = frozenset(
    {
        "subject", "re", "fwd", "fw", "from", "to", "cc", "bcc", "date", "sent", "reply-to",
        "p.s", "ps", "pps", "p.p.s", "nb", "n.b", "note", "notes", "edit", "update", "tl;dr", "tldr",
        "best", "regards", "best regards", "kind regards", "warm regards", "thanks", "thank you",
        "many thanks", "cheers", "sincerely", "warmly", "yours", "all the best",
        "link", "links", "website", "web", "phone", "email", "e-mail", "tel", "mobile", "cell", "http", "https",
        "www", "address", "location", "time", "when", "where", "price", "cost", "agenda", "q&a", "r&d", "faq",
    }
)
#: A chat export's timestamp before the name: ``[12/03/2024, 09:15:22]``, ``[09:15]`` or
#: ``12/03/2024, 09:15 -``.
_STAMP = r"(?:\[[\d/.,: \-APMapm]{4,30}\][ \t]*|\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[APap][Mm])?[ \t]+-[ \t]+)?"
#: A role or a business after the name: ``(mod)``, ``| Harbour Homes``, ``@ Clearview``.
_ROLE = r"(?:\([^()\n]{1,30}\)|\|[^|:\n]{1,30}?|@[ \t]*[^\W\d_][^|@:\n]{0,29}?)?"
#: A name may hold ``&`` (a business: ``Hearth & Hive:``).
#: Markdown bold around the name, as transcripts pasted from forums and docs write it:
#: ``**Sam:** ...`` or ``**Sam**: ...``.
_BOLD = r"(?:\*\*|__)?"
_TURN = re.compile(
    r"^[ \t]*" + _STAMP + _BOLD + r"(?:@|u/)?([^\W\d_][\w .'&\-]{0,29}?)[ \t]*" + _ROLE + r"[ \t]*" + _BOLD + r":" + _BOLD + r"[ \t]*(\S.*?)[ \t]*$"
)


@dataclass(frozen=True)
class TurnLine:
    """One turn: the speaker's name and where the turn's text is in the string."""

    speaker: str
    start: int
    end: int


def _speaker(line: str) -> tuple[str, re.Match[str]] | None:
    m = _TURN.match(line)
    if m is None:
        return None
    name = m.group(1).strip()
    key = name.lower().rstrip(".")
    if key in NOT_SPEAKER_NAMES or sum(word != "&" for word in name.split()) > 3:
        return None
    return name, m


def split_turns(text: str) -> list[TurnLine] | None:
    """Return the turns of ``text`` if it reads as a conversation, else ``None``.

    Examples
    --------
    >>> [t.speaker for t in split_turns("Ana: Hi!\\nBen: Hello, Ana.")]
    ['Ana', 'Ben']
    >>> split_turns("Hi Ana,\\nThanks for the intro.") is None
    True
    """
    turns: list[TurnLine] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            found = _speaker(line)
            if found is None:
                return None
            name, m = found
            turns.append(TurnLine(name, offset + m.start(2), offset + m.end(2)))
        offset += len(line) + 1
    if len(turns) < 2 or len({t.speaker for t in turns}) < 2:
        return None
    return turns


def is_conversation(text: str) -> bool:
    """Whether ``text`` reads as a conversation snippet (see the module docstring)."""
    return split_turns(text) is not None
