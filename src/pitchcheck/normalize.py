"""Text normalisation before spaCy, with offsets back into the caller's input.

Real messages arrive as HTML e-mails, with quoted replies, signatures, smart quotes,
zero-width characters and odd whitespace. :func:`normalize` turns such input into the
plain text pitchcheck analyses, and keeps, for every character of that text, the span
of the original input it came from, so every offset pitchcheck reports points into
the exact string the caller passed (``text[start:end] == signal.text``).

Steps, in order:

1. HTML to text, when the input looks like HTML: ``<script>``/``<style>`` bodies are
   dropped, block tags (``<br>``, ``</p>``, ``</div>``, ``</li>``...) become line
   breaks, other tags disappear, entities (``&amp;``, ``&#8217;``) are decoded.
2. Line endings become ``\\n``.
3. Set aside, not analysed (reported in ``CheckResult.ignored``):
   a quoted reply, from an ``On <date>, <name> wrote:`` line (or its German, Dutch,
   French, Spanish, Italian or Portuguese form: ``Am ... schrieb ...:``, ``Op ... schreef
   ...:``...), an ``-----Original Message-----`` line, or a mail client's header block
   after the reply (a ``From:`` line followed within three lines by a ``Sent:`` or
   ``Date:`` line, in those languages too: ``Van:`` / ``Verzonden:``, ``Von:`` /
   ``Gesendet:``...) to the end; lines starting with ``>``;
   a signature block after a ``-- `` line; and ``Sent from my ...``, ``Sent from Outlook
   for Android`` and ``Get Outlook for iOS`` lines.
4. Unicode: NFKC per character, curly quotes and dashes to ASCII, zero-width and
   control characters removed.
5. Whitespace: runs of spaces and tabs become one space, three or more line breaks
   become two, and the text is stripped.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Sequence

__all__ = ["Normalized", "IgnoredRegion", "normalize"]


@dataclass(frozen=True)
class IgnoredRegion:
    """A part of the input that pitchcheck set aside instead of analysing."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Normalized:
    """Normalised text and, per character, the input span it came from.

    ``starts[i]``/``ends[i]`` are the input offsets of normalised character ``i``.
    """

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    ignored: tuple[IgnoredRegion, ...] = ()

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span ``[start, end)`` to a span of the original input."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


class _Builder:
    """A string under rewriting, with per-character input offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Ranges until a replacement changes something: most texts need none.
        self.starts: Sequence[int] = range(len(text))
        self.ends: Sequence[int] = range(1, len(text) + 1)
        self.ignored: list[IgnoredRegion] = []

    def sub(
        self,
        pattern: re.Pattern[str],
        repl: Callable[[re.Match[str]], str],
        reason: str | None = None,
        *,
        needles: tuple[str, ...] = (),
    ) -> None:
        """Replace every match of ``pattern`` by ``repl(match)``, keeping offsets.

        Characters of a replacement map to the whole input span of the match. When
        ``reason`` is given, the matched input span is recorded as set aside.
        ``needles``, when given, are substrings every match contains one of: a text
        with none of them has no match, and the regex scan is skipped (a fast path).
        """
        if needles and not any(needle in self.text for needle in needles):
            return
        matches = [(m, repl(m)) for m in pattern.finditer(self.text)]
        if reason is None:  # a replacement equal to what it replaces changes nothing
            matches = [(m, new) for m, new in matches if new != m.group(0)]
        if not matches:
            return
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for m, new in matches:
            out.append(self.text[pos : m.start()])
            starts.extend(self.starts[pos : m.start()])
            ends.extend(self.ends[pos : m.start()])
            if m.end() > m.start():
                o_start, o_end = self.starts[m.start()], self.ends[m.end() - 1]
            else:
                o_start = o_end = self.starts[m.start()] if m.start() < len(self.starts) else len(self.text)
            out.append(new)
            starts.extend([o_start] * len(new))
            ends.extend([o_end] * len(new))
            if reason is not None and m.end() > m.start():
                self.ignored.append(IgnoredRegion(o_start, o_end, reason))
            pos = m.end()
        out.append(self.text[pos:])
        starts.extend(self.starts[pos:])
        ends.extend(self.ends[pos:])
        self.text = "".join(out)
        self.starts, self.ends = starts, ends

    def strip(self) -> None:
        lead = len(self.text) - len(self.text.lstrip())
        trail = len(self.text.rstrip())
        self.text = self.text[lead:trail]
        self.starts = self.starts[lead:trail]
        self.ends = self.ends[lead:trail]


_HTML_HINT = re.compile(r"<(?:p|br|div|span|html|body|a|li|ul|ol|b|i|strong|em|table|td|tr|h[1-6])\b[^>]*>|&(?:nbsp|amp|lt|gt|quot|#\d+);", re.I)
_HTML_DROP = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.I | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_BLOCK = re.compile(r"<\s*(?:br|/p|/div|/li|/tr|/h[1-6]|/ul|/ol|/table)\b[^>]*>|<\s*li\b[^>]*>", re.I)
_HTML_TAG = re.compile(r"<[^>]{0,500}>")
_HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_NEWLINE = re.compile(r"\r\n?")
#: "<name> wrote:" as mail clients write it in English, German, Dutch, French, Spanish,
#: Italian and Portuguese.
#: (German and Dutch put the name after the verb: "Am ... schrieb Jonas <j@example.com>:".)
_WROTE = (
    r"(?:On|Am|Op|Le|El|Il|Em)\b[^\n]{0,300}?"
    r"(?:(?:\bwrote|\ba écrit|\bescribió|\bha scritto|\bescreveu)[ \t]?:|(?:\bschrieb|\bschreef)\b[^\n]{0,200}:)"
)
_QUOTED_REPLY = re.compile(
    r"(?ms)^[ \t]*(?:" + _WROTE + r"|-{2,}\s*Original Message\s*-{2,}|-{2,}\s*Forwarded message\s*-{2,})[ \t]*$.*\Z"
)
#: The needles of ``_QUOTED_REPLY`` (see ``_Builder.sub``).
_QUOTED_REPLY_NEEDLES = ("--", "wrote", "schrieb", "schreef", "crit", "escribi", "scritto", "escreveu")
#: A mail client's header block over the quoted message (Outlook's "From: ... Sent: ..."),
#: after some reply text (a block at the very start is the message's own header): a
#: ``From:`` line and, within three lines, a ``Sent:`` or ``Date:`` line, in English,
#: German, Dutch, French, Spanish, Italian, Portuguese, Polish and the Scandinavian languages.
_HEADER_FROM = ("From", "Von", "Van", "De", "Da", "Od", "Fra", "Från")
_HEADER_REPLY = re.compile(
    r"(?ms)(?<=\n)[ \t]*(?:_{8,}[ \t]*\n[ \t]*)?(?:" + "|".join(_HEADER_FROM) + r"):[^\n]*\n(?:[^\n]*\n){0,2}?[ \t]*"
    r"(?:Sent|Date|Gesendet|Datum|Verzonden|Envoyé|Enviado|Inviato|Data|Wysłano|Wysłane|Sendt|Skickat):.*\Z"
)
_HEADER_NEEDLES = tuple(f"{word}:" for word in _HEADER_FROM)
_QUOTED_LINE = re.compile(r"(?m)^[ \t]*>[^\n]*(?:\n|\Z)")
_SIGNATURE = re.compile(r"(?ms)^--[ \t]?$.*\Z")
_SENT_FROM = re.compile(r"(?mi)^[ \t]*(?:Sent from (?:my )?[^\n]{0,60}|Get Outlook for [^\n]{0,30})$")
_PUNCT_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u2026": "...",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
}
_DROP_CHARS = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_ODD_CHAR = re.compile("[" + "".join(_PUNCT_MAP) + "".join(_DROP_CHARS) + r"\x00-\x08\x0b-\x1f\x7f" + "]|[^\x00-\x7f]")
#: What ``_ODD_CHAR`` can match in ASCII text: the control characters (a cheaper scan).
_CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
#: Runs of spaces and tabs, except a lone space: the runs that collapsing to one space changes
#: (matching every gap between words only to replace " " by " " made this step the slowest).
_SPACES = re.compile(r"[ \t\f\v]{2,}|[\t\f\v]")
_SPACE_AT_EOL = re.compile(r" (?=\n)|(?<=\n) ")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def _unicode(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch in _PUNCT_MAP:
        return _PUNCT_MAP[ch]
    if ch in _DROP_CHARS or unicodedata.category(ch) == "Cc":
        return ""
    if unicodedata.category(ch).startswith("Z"):
        return " "
    return unicodedata.normalize("NFKC", ch)


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for analysis, keeping offsets into it.

    Parameters
    ----------
    text : str
        The message or conversation exactly as the caller has it.

    Returns
    -------
    Normalized
        The text to analyse, the input span of each of its characters, and the
        regions set aside (quoted replies, signatures).

    Examples
    --------
    >>> n = normalize("Thanks &amp; congrats!<br>> old quoted line")
    >>> n.text
    'Thanks & congrats!'
    >>> n.original[slice(*n.to_original(0, 6))]
    'Thanks'
    """
    b = _Builder(text)
    if ("<" in text or "&" in text) and _HTML_HINT.search(text):
        b.sub(_HTML_COMMENT, lambda m: "")
        b.sub(_HTML_DROP, lambda m: "")
        b.sub(_HTML_BLOCK, lambda m: "\n")
        b.sub(_HTML_TAG, lambda m: "")
        b.sub(_HTML_ENTITY, lambda m: html.unescape(m.group(0)))
    b.sub(_NEWLINE, lambda m: "\n", needles=("\r",))
    b.sub(_QUOTED_REPLY, lambda m: "", reason="quoted reply", needles=_QUOTED_REPLY_NEEDLES)
    b.sub(_HEADER_REPLY, lambda m: "", reason="quoted reply", needles=_HEADER_NEEDLES)
    b.sub(_QUOTED_LINE, lambda m: "", reason="quoted reply", needles=(">",))
    b.sub(_SIGNATURE, lambda m: "", reason="signature", needles=("--",))
    b.sub(_SENT_FROM, lambda m: "", reason="signature")
    b.sub(_CONTROL_CHAR if b.text.isascii() else _ODD_CHAR, _unicode)
    b.sub(_SPACES, lambda m: " ", needles=("  ", "\t", "\f", "\v"))
    b.sub(_SPACE_AT_EOL, lambda m: "", needles=(" \n", "\n "))
    b.sub(_MANY_NEWLINES, lambda m: "\n\n", needles=("\n\n\n",))
    b.strip()
    return Normalized(text, b.text, tuple(b.starts), tuple(b.ends), tuple(b.ignored))
