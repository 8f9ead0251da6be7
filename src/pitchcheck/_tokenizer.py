"""spaCy's English tokenizer, with its special cases out of the way of its cache.

spaCy's ``Tokenizer`` remembers how each whitespace-separated chunk ("you,", "$99.")
splits, so that a chunk seen before costs a hash lookup rather than a prefix, a suffix
and an infix regex search. But once a text has used one of its special cases ("I'm",
"don't", "it's", a line break), it remembers nothing more of that text (spaCy issue
#1250): three texts in four have one, on average two thirds of the way from their end,
so most chunks were split by regex every time they came back.

:func:`create_tokenizer` builds the same tokenizer from the English defaults, but gives the
special cases that do not involve prefixes, suffixes or infixes (the contractions, the
apostrophe-less "dont" and "Im", line breaks) to its affix functions instead: a
one-token case ("\\n", "ma'am") is kept whole by ``token_match``, and a case of several
tokens is cut from the end by ``suffix_search``, one piece at a time, through a table
("don't've" -> "'ve", "don't" -> "n't"). These no longer count as special, so the cache
keeps working after them. "it's", "that's" and the like need no case at all: spaCy's
suffix "'s" splits them alike. The other special cases, those that involve affixes
("Mr.", "e.g.", ":)"), stay special cases, as does any case that could not be moved
without changing a split. A test checks that the tokens are spaCy's own on every corpus text and on each
special case in many surroundings. One difference is invisible to pitchcheck: spaCy
sets a ``NORM`` on special-case tokens ("n't" -> "not"), which pitchcheck never reads.

On ``benchmarks/run.py``'s texts, tokenizing a new text took ~85 µs instead of ~103, and
~30 µs instead of ~53 once its chunks had been seen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

import srsly
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["create_tokenizer", "TOKENIZER_NAME"]

#: The name the tokenizer is registered under, in spaCy's ``tokenizers`` registry.
TOKENIZER_NAME = "pitchcheck.Tokenizer.v1"

Search = Callable[[str], Any]


class _Cut:
    """What ``Tokenizer`` reads of a regex match: where the affix starts and ends."""

    __slots__ = ("_start", "_end")

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


class _KeepWhole:
    """``token_match``: the one-token special cases, then the language's own ``token_match``."""

    def __init__(self, whole: frozenset[str], token_match: Search | None) -> None:
        self.whole, self.token_match = whole, token_match

    def __call__(self, text: str) -> bool:
        return text in self.whole or (self.token_match is not None and self.token_match(text) is not None)


class _Suffix:
    """``suffix_search``: none for a one-token case, the last piece of a table case, else the regex."""

    def __init__(self, search: Search | None, whole: frozenset[str], last_piece: Mapping[str, int]) -> None:
        self.search, self.whole, self.last_piece = search, whole, last_piece

    def __call__(self, text: str) -> Any:
        if text in self.whole:
            return None
        n = self.last_piece.get(text)
        if n is not None:
            return _Cut(len(text) - n, len(text))
        return self.search(text) if self.search is not None else None


class _Prefix:
    """``prefix_search``, declining a prefix where spaCy would have taken the suffix alone.

    spaCy strips a prefix and a suffix in the same step, except when what is left after the
    suffix alone is a special case ("'Cause." keeps "'Cause"): then it takes the suffix only.
    """

    def __init__(self, search: Search | None, suffix: _Suffix, specials: frozenset[str]) -> None:
        self.search, self.suffix, self.specials = search, suffix, specials

    def __call__(self, text: str) -> Any:
        if self.search is None or text in self.suffix.whole or text in self.suffix.last_piece:
            return None
        match = self.search(text)
        if match is None:
            return None
        rest = text[match.end() - match.start() :]
        if rest and rest not in self.specials:
            cut = self.suffix(rest)
            if cut is not None and cut.end() > cut.start() and text[: len(text) - (cut.end() - cut.start())] in self.specials:
                return None
        return match


class PitchcheckTokenizer(Tokenizer):
    """spaCy's ``Tokenizer``, saved as its name only: loading it keeps what
    :func:`build_tokenizer` built from the English defaults.

    spaCy saves a tokenizer's affix functions as the patterns of the regexes they search
    with; these functions are not regexes, and the special cases they took over are not in
    its rules, so that would save a different tokenizer.
    """

    def to_bytes(self, *, exclude: Sequence[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"tokenizer": TOKENIZER_NAME})

    def from_bytes(self, bytes_data: bytes, *, exclude: Sequence[str] = ()) -> "PitchcheckTokenizer":
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        Path(path).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Sequence[str] = ()) -> "PitchcheckTokenizer":
        return self


def _orths(tokens: Sequence[Mapping[Any, str]]) -> list[str]:
    return [t[ORTH] if ORTH in t else t["ORTH"] for t in tokens]


def _is_word_and_s(pieces: Sequence[str], rules: Mapping[str, Any]) -> bool:
    """Whether a case's pieces are a plain word (no case of its own) and "'s" or "’s"."""
    return len(pieces) == 2 and pieces[1] in ("'s", "’s") and pieces[0].isalpha() and pieces[0] not in rules


def build_tokenizer(nlp: "Language") -> Tokenizer:
    """The English tokenizer of ``nlp.Defaults``, with its affix-free special cases moved."""
    d = nlp.Defaults
    prefix_search = compile_prefix_regex(d.prefixes).search if d.prefixes else None
    suffix_search = compile_suffix_regex(d.suffixes).search if d.suffixes else None
    infix_finditer = compile_infix_regex(d.infixes).finditer if d.infixes else None
    rules: dict[str, Any] = dict(d.tokenizer_exceptions)

    def has_affix(text: str) -> bool:  # what spaCy checks before adding a case to its special-case matcher
        return bool(
            " " in text
            or (prefix_search is not None and prefix_search(text))
            or (suffix_search is not None and suffix_search(text))
            or (infix_finditer is not None and any(True for _ in infix_finditer(text)))
        )

    plain = Tokenizer(nlp.vocab, rules={}, prefix_search=prefix_search, suffix_search=suffix_search,
                      infix_finditer=infix_finditer, token_match=d.token_match, url_match=d.url_match)
    movable = {text: _orths(tokens) for text, tokens in rules.items() if not has_affix(text)}
    whole = frozenset(text for text, pieces in movable.items() if len(pieces) == 1)
    last_piece: dict[str, int] = {}
    for text, pieces in movable.items():
        if len(pieces) == 1:
            continue
        # Cut from the end, each shorter form must itself be a moved case with the same
        # pieces, and the first piece must stand alone ("y'" of "y'all" would be split).
        first_alone = pieces[0] in whole or [t.text for t in plain(pieces[0])] == [pieces[0]]
        if first_alone and all(movable.get("".join(pieces[:j])) == pieces[:j] for j in range(2, len(pieces))):
            last_piece[text] = len(pieces[-1])
    # "it's" is a case, but spaCy's suffix "'s" gives the same pieces: a word, then "'s".
    split_alike = {text for text, tokens in rules.items() if _is_word_and_s(_orths(tokens), rules)}
    kept = {text: tokens for text, tokens in rules.items() if text not in whole and text not in last_piece and text not in split_alike}
    suffix = _Suffix(suffix_search, whole, last_piece)
    return PitchcheckTokenizer(
        nlp.vocab,
        rules=kept,
        prefix_search=_Prefix(prefix_search, suffix, frozenset(rules)),
        suffix_search=suffix,
        infix_finditer=infix_finditer,
        token_match=_KeepWhole(whole, d.token_match),
        url_match=d.url_match,
    )


@registry.tokenizers(TOKENIZER_NAME)
def create_tokenizer() -> Callable[["Language"], Tokenizer]:
    """Registered tokenizer factory: ``spacy.blank("en", config=...)`` calls it with the ``nlp``."""
    return build_tokenizer
