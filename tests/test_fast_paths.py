"""Fast paths give exactly what the straightforward computation gives.

Each speed-up in the checking path (skipping regex scans that cannot match, scoring
without scikit-learn's transform, the rule index...) is checked here against the slow
way of computing the same thing, on inputs where the two could plausibly differ.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pitchcheck import normalize as normalize_module
from pitchcheck.normalize import normalize

TRICKY_TEXTS = [
    "Hi Jo,\n\nThanks for the intro!",
    "<p>Hi Jo,</p><p>Thanks&nbsp;for the intro!</p>\nOn Mon, Jan 5, 2026 at 9:00 Sam wrote:\n> Only 2 spots left\n",
    "<html><head><style>p {color: red}</style></head><body><p>Hello&amp;bye<br>line two</p><!-- note --></body></html>",
    "a < b && c > d, but no tags here",
    "Fish &amp chips &#8217; &#x2019; &copy; &bogus;",
    "Thanks!\r\nSee you soon.\rBye",
    "Great chat.\n-- \nJo Ramos | Book a demo: cal.example.com/jo",
    "Great chat.\n--\nJo",
    "Loved it -- really. Nothing to set aside here.",
    "Sounds good.\n\nSent from my iPhone",
    "sent from my phone, in lower case",
    "Hello\n-----Original Message-----\nFrom: someone\nBuy now",
    "Hello\n---------- Forwarded message ----------\nFrom: someone",
    "Not for us.\n\nFrom: Jonas <j@example.com>\nSent: Tuesday 9:17\nTo: Anneke\nSubject: call?\n\nBook a call",
    "Not for us.\nVan: Jonas\nAan: Anneke\nVerzonden: dinsdag\nOnderwerp: call",
    "From: Ana\nSent: Monday\n\nthe header is the message's own",
    "Danke!\nAm 10.03.2026 um 09:17 schrieb Jonas Becker <j@example.com>:\n> Termin?",
    "Merci\nLe mar. 10 mars 2026, Jonas a écrit :\nRéservez",
    "De: someone but no date line\nDa: another",
    "Fixed it.\n\nSent from Outlook for Android\n\n________________________________\nFrom: Ros\nSent: Wednesday\nTo: Dmitri",
    "Get Outlook for iOS",
    "> quoted first line\nreply below\n>> nested quote",
    "tabs\tand  double  spaces \t mixed\f\vand form feeds",
    "line with trailing space \nand leading space\n next",
    "one\n\n\n\n\ntoo many breaks \n \n \n here",
    "\u201cSmart quotes\u201d and \u2018single\u2019 \u2014 dashes \u2013 and\u2026 ellipsis",
    "zero\u200bwidth\u200c joiners\u200d\ufeff and soft\u00adhyphen",
    "non\u00a0breaking\u2009thin\u202fnarrow\u2007figure spaces",
    "fullwidth \uff21\uff22\uff23 and ligature \ufb01 and \u2460",
    "control\x00chars\x07here\x1b[0m",
    "emoji \U0001f680\U0001f44b\U0001f3fd and accents caf\u00e9 na\u00efve",
    "  \t  leading and trailing whitespace \t \n ",
    "\u00a0\u00a0",
    "lone\fform feed, lone\vvertical tab, lone\ttab",
    "exactly\n\n\nthree breaks",
    "spaced \n \n \n breaks",
]


def _slow_normalize(monkeypatch: pytest.MonkeyPatch, text: str) -> normalize_module.Normalized:
    """``normalize`` without its fast paths: every regex scan runs, spaces match one by one."""
    builder = normalize_module._Builder
    fast_sub = builder.sub

    def sub(self, pattern, repl, reason=None, *, needles=()):  # type: ignore[no-untyped-def]
        return fast_sub(self, pattern, repl, reason)

    with monkeypatch.context() as m:
        m.setattr(builder, "sub", sub)
        m.setattr(normalize_module, "_SPACES", re.compile(r"[ \t\f\v]+"))
        m.setattr(normalize_module, "_CONTROL_CHAR", normalize_module._ODD_CHAR)
        return normalize(text)


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_normalize_fast_paths_change_nothing(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    assert normalize(text) == _slow_normalize(monkeypatch, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab <p>&amp;;#x\r\n\t\f\v>-Sentfromywrote:\u00a0\u2019\u200b\x00\U0001f680")), max_size=80))
def test_normalize_fast_paths_change_nothing_on_random_text(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert normalize(text) == _slow_normalize(monkeypatch, text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a  \t\f\v\r\n\n>-")), max_size=30))
def test_normalize_fast_paths_change_nothing_on_whitespace(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert normalize(text) == _slow_normalize(monkeypatch, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab <p>&amp;;#x\r\n\t >-ontwrOgiMsFd\u00a0")), max_size=60))
def test_html_hint_needs_a_tag_or_entity_character(text: str) -> None:
    # normalize() looks for HTML only when "<" or "&" is in the text.
    if normalize_module._HTML_HINT.search(text):
        assert "<" in text or "&" in text


# --------------------------------------------------------------------------- scoring


@pytest.fixture(scope="module")
def shipped_and_feats():  # type: ignore[no-untyped-def]
    import pitchcheck
    from pitchcheck.features import analyse, features_of

    model = pitchcheck.load_model()
    texts = pitchcheck.load_corpus().text.tolist()[:300] + ["Hi", "Thanks thanks thanks thanks, thanks!", "$99 $99 $99 book book book now now"]
    return model, [features_of(a.doc) for a in analyse(texts)]


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (1, 3), (2, 3)])
def test_lemma_ngrams_are_the_word_windows_in_order(ngram_range: tuple[int, int]) -> None:
    from pitchcheck.features import lexeme_ngrams

    for lemmas in ([], ["a"], ["a", "b"], ["we", "help", "team", "like", "you", "we", "help"]):
        expected = [" ".join(lemmas[i : i + n]) for n in range(ngram_range[0], ngram_range[1] + 1) for i in range(len(lemmas) - n + 1)]
        assert lexeme_ngrams(lemmas, ngram_range) == expected


def test_lexical_scoring_matches_the_vectorizer(shipped_and_feats) -> None:  # type: ignore[no-untyped-def]
    model, feats = shipped_and_feats
    coef = model.linear_.coef_[0][len(model.signal_columns_) :]
    rows = model.vectorizer_.transform([f.lexemes for f in feats])
    # The TF-IDF row times lexical_weight, shrunk for texts of fewer than lexical_min_words lemmas.
    scale = np.array([model.lexical_weight * min(1.0, (len(f.lexemes) / model.lexical_min_words) ** 0.5) for f in feats])
    expected = scale * (rows @ coef)
    got = [model._lexical(f) for f in feats]
    assert got == pytest.approx(expected, abs=1e-12, rel=0)


def test_logits_match_the_design_matrix(shipped_and_feats) -> None:  # type: ignore[no-untyped-def]
    model, feats = shipped_and_feats
    slope, intercept = model.calibration_
    assert model.last_part_slope_ and any(f.last is not None for f in feats)
    expected = slope * model.linear_.decision_function(model._design(feats, model.vectorizer_)) + intercept
    # plus the last part's decision (a text of one part is its own last part)
    expected += model.last_part_slope_ * model.linear_.decision_function(model._design([f.last or f for f in feats], model.vectorizer_))
    assert model._logits(feats) == pytest.approx(expected, abs=1e-9, rel=0)
    assert [model._contributions(f).logit for f in feats] == pytest.approx(expected, abs=1e-9, rel=0)


def _random_rows(doc, rng) -> list[list[tuple[int, int]]]:  # type: ignore[no-untyped-def]
    """Token ranges of every shape a row can have: empty, overlapping, out of order, adjacent."""
    n = len(doc)
    rows = []
    for _ in range(6):
        ranges = []
        for _ in range(rng.randint(0, 4)):
            a = rng.randint(0, n)
            ranges.append((a, rng.randint(a, n)))
        rows.append(ranges)
    cuts = sorted(rng.sample(range(n + 1), min(3, n + 1)))
    rows.append(list(zip(cuts, cuts[1:])))  # adjacent ranges
    return rows


@pytest.mark.parametrize("ngram_range", [(1, 2), (1, 1), (1, 3), (2, 3)])
def test_explain_docs_scores_rows_as_features_of_them(ngram_range: tuple[int, int]) -> None:
    import copy
    import random

    import pitchcheck
    from pitchcheck.api import _plan
    from pitchcheck.features import analyse, features_of

    model = copy.copy(pitchcheck.load_model()).set_params(ngram_range=ngram_range)  # not the shared one
    texts = pitchcheck.load_corpus().text.tolist()[:60] + [
        "Ana: Great to meet you!\nBen: Likewise. How is the studio?\nAna: Busy! We have 3 spots left at $499, want one?",
        "Ana: Hi\nBen: Hello there Ana, thanks thanks\nAna: book a call book a call",
        " ",
        "!!!",
        "Hi",
    ]
    rng = random.Random(0)
    items = []
    for analysis in analyse(texts):
        plan = _plan(analysis, None)
        items.append((analysis.doc, plan.rows() + _random_rows(analysis.doc, rng)))
    _assert_explained_as_features_of_rows(model, items)


def _assert_explained_as_features_of_rows(model, items) -> None:  # type: ignore[no-untyped-def]
    """``_explain_docs(items)`` is ``_contributions`` of each first row and ``_logits`` of every row."""
    from pitchcheck.features import features_of

    for (doc, rows), (contributions, logits) in zip(items, model._explain_docs(items)):
        feats = [features_of(doc, ranges) for ranges in rows]
        expected = model._contributions(feats[0])
        # the same keys in the same order (the signals' total is summed in that order)
        assert list(contributions.kinds) == list(expected.kinds)
        assert list(contributions.kinds.values()) == pytest.approx(list(expected.kinds.values()), abs=1e-12, rel=0)
        assert list(contributions.closing) == list(expected.closing)
        assert list(contributions.closing.values()) == pytest.approx(list(expected.closing.values()), abs=1e-12, rel=0)
        assert (contributions.intercept, contributions.signals, contributions.focus, contributions.lexical) == pytest.approx(
            (expected.intercept, expected.signals, expected.focus, expected.lexical), abs=1e-12, rel=0
        )
        assert list(logits) == pytest.approx(list(model._logits(feats)), abs=1e-12, rel=0)


@pytest.mark.parametrize(
    "params",
    [{"use_lexical": False, "use_focus": False}, {"use_selling": False}, {"use_relationship": False, "lexical_min_words": 40}],
)
def test_explain_docs_with_other_feature_sets(params: dict[str, object]) -> None:
    import random

    import pitchcheck
    from pitchcheck import PitchClassifier
    from pitchcheck.api import _plan
    from pitchcheck.features import analyse

    train = pitchcheck.load_corpus("train").iloc[:120]
    model = PitchClassifier(**params).fit(train.text, train.label)  # type: ignore[arg-type]
    rng = random.Random(1)
    items = []
    for analysis in analyse(pitchcheck.load_corpus("test").text.tolist()[:30]):
        doc = analysis.doc
        items.append((doc, [[(0, len(doc))], [(0, len(doc) // 2)], [], *_plan(analysis, None).rows(), *_random_rows(doc, rng)]))
    _assert_explained_as_features_of_rows(model, items)


def test_explain_docs_shares_breadth_with_kinds_of_zero_weight() -> None:
    """A selling kind whose own weight is 0 joins the contributions only through its breadth share."""
    import copy

    import pitchcheck
    from pitchcheck.api import _plan
    from pitchcheck.features import SELLING_KINDS, analyse

    model = copy.copy(pitchcheck.load_model())
    model.linear_ = copy.deepcopy(model.linear_)
    for kind in SELLING_KINDS[::2]:
        model.linear_.coef_[0][model.signal_columns_.index(kind.value)] = 0.0
    texts = pitchcheck.load_corpus().text.tolist()[:80] + ["Book a demo! Only 3 spots left at $499, we are the #1 agency."]
    items = [(a.doc, _plan(a, None).rows()) for a in analyse(texts)]
    _assert_explained_as_features_of_rows(model, items)


def test_scoring_cache_follows_refits_and_stays_out_of_pickles() -> None:
    import pickle

    import pitchcheck
    from pitchcheck import PitchClassifier

    train = pitchcheck.load_corpus("train")
    a, b = train.iloc[:120], train.iloc[120:240]
    texts = pitchcheck.load_corpus("test").text.tolist()[:20]
    clf = PitchClassifier().fit(a.text, a.label)
    clf.predict_proba(texts)  # builds the cache
    assert "_weights_cache" not in pickle.loads(pickle.dumps(clf)).__dict__
    clf.fit(b.text, b.label)
    fresh = PitchClassifier().fit(b.text, b.label)
    assert (clf.predict_proba(texts) == fresh.predict_proba(texts)).all()


# --------------------------------------------------------------------------- pipeline

def test_rule_index_finds_what_trying_every_pattern_everywhere_finds() -> None:
    import pitchcheck
    from pitchcheck.preprocess import _Context, get_nlp

    nlp = get_nlp()
    index = nlp.get_pipe("pitchcheck_signals").rules
    patterns = index.patterns()
    assert len({id(p) for _, p in patterns}) == index.size
    texts = pitchcheck.load_corpus().text.tolist()[:150] + ["Book a 15min call: calendly.com/jo or $99 / 99usd, 3 spots, [link]"]
    for doc in nlp.pipe(texts):
        ctx = _Context(doc)
        slow = set()
        for i in range(ctx.n):
            for label, pattern in patterns:
                end = index._ends(pattern, 0, i, ctx)
                if end > i:
                    slow.add((label, i, end))
        assert set(index.match(ctx)) == slow


@pytest.mark.parametrize(
    "text",
    [
        "123 456 !!!",
        "Thanks for the intro, see you at the meetup next week!",
        "zz qq xx vv ww kk",
        "Привет, как дела? Давно не виделись, пиши!",
        "Café crème, déjà vu, naïve façade — très bien",
        "\U0001f680\U0001f680 \U0001f44b",
        "東京で会いましょう。よろしくお願いします。",
        "Hi Ana 東京で会いましょう",
        "ok",
    ],
)
def test_not_english_fast_path_agrees_with_counting_letters(text: str) -> None:
    from spacy.attrs import IS_ALPHA, IS_STOP

    from pitchcheck.api import _not_english
    from pitchcheck.features import analyse

    doc = next(analyse([text])).doc
    letters = [c for c in doc.text if c.isalpha()]
    if not letters:
        expected = False
    elif sum(c.isascii() for c in letters) < 0.5 * len(letters):
        expected = True
    else:
        flags = doc.to_array([IS_ALPHA, IS_STOP])
        words, stops = int(flags[:, 0].sum()), int((flags[:, 0] & flags[:, 1]).sum())
        expected = words >= 6 and stops < 0.12 * words
    assert _not_english(doc) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ 1!\u00e9\u00df\u4e2d\u0416\U0001f680\u2019\u00aa\u02b0\u0301\x7f")), max_size=40))
def test_letter_counts_agree_with_testing_every_character(text: str) -> None:
    from pitchcheck.api import _letter_counts

    letters = [c for c in text if c.isalpha()]
    assert _letter_counts(text) == (len(letters), sum(c.isascii() for c in letters))


def test_result_reads_part_offsets_and_counts_as_the_arrays_and_features_give_them() -> None:
    from spacy.attrs import IDX, IS_SPACE, LENGTH

    import pitchcheck
    from pitchcheck.api import _plan, _trimmed_chars
    from pitchcheck.features import analyse, features_of, signal_counts, word_count

    texts = pitchcheck.load_corpus().text.tolist()[:100] + [
        "Ana: Great to meet you!  \nBen:   \nAna: Busy! We have 3 spots left at $499, want one?\n\n",
        "Hi Jo,\n\n  Thanks!  \n\n",
    ]
    for analysis in analyse(texts):
        doc, plan = analysis.doc, _plan(analysis, None)
        idx, is_space, length = doc.to_array([IDX, IS_SPACE, LENGTH]).T.tolist()
        for a, b, _ in plan.parts:
            end = b
            while end > a and is_space[end - 1]:
                end -= 1
            assert _trimmed_chars(doc, a, b) == (idx[a], idx[end - 1] + length[end - 1])
        for ranges in plan.rows():
            feats = features_of(doc, ranges)
            assert (signal_counts(doc, ranges), word_count(doc, ranges)) == (feats.counts, feats.n_words)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(1, 5)), max_size=12))
def test_longest_first_keeps_what_filter_spans_keeps(starts_and_lengths: list[tuple[int, int]]) -> None:
    from spacy.tokens import Span
    from spacy.util import filter_spans

    from pitchcheck.preprocess import _longest_first, get_nlp

    doc = get_nlp().make_doc(" ".join(["word"] * 20))
    ranges = [(start, start + length) for start, length in starts_and_lengths]
    expected = [(span.start, span.end) for span in filter_spans([Span(doc, a, b) for a, b in ranges])]
    assert sorted(_longest_first(ranges)) == expected


def test_rule_regexes_prefilter_finds_every_word_some_regex_matches() -> None:
    import pitchcheck
    from pitchcheck.preprocess import get_nlp

    index = get_nlp().get_pipe("pitchcheck_signals").rules
    assert index._any_regex is not None
    words = {w.lower() for text in pitchcheck.load_corpus().text for w in text.split()}
    words |= {"calendly.com/jo", "https://cal.com/x", "15min", "$99", "99usd", "[", "{[", "packages", "starting", ""}
    for word in words:
        expected = any(rx.search(word) for rx in index.by_regex)
        assert (index._any_regex.search(word) is not None) == expected, word


def test_doc_sentences_are_the_sentence_bounds_of_the_finished_doc() -> None:
    """The sentences read once per Doc (signal component, check, closing part) are those the finished Doc has."""
    import pitchcheck
    from pitchcheck.features import analyse
    from pitchcheck.preprocess import doc_sentences, sentence_bounds

    texts = pitchcheck.load_corpus().text.tolist()[:100] + ["Hi?\nHow much is it?\n\nAna: what do you charge?\nBo: $85. Why?", ""]
    for analysis in analyse(texts):
        doc = analysis.doc
        assert doc_sentences(doc) == sentence_bounds(doc)
        assert doc_sentences(doc) is doc_sentences(doc)


def test_lemma_table_is_spacys_lookup_table() -> None:
    """The lemmatizer reads spacy-lookups-data's table into a plain dict (no Bloom filter to
    build at start-up): every word must get the lemma spaCy's own Lookups table gives it."""
    from spacy.lookups import load_lookups

    from pitchcheck.preprocess import get_nlp

    lemmatizer = get_nlp().get_pipe("pitchcheck_lemmatizer")
    stock = load_lookups(lang="en", tables=["lemma_lookup"])
    table = stock.get_table("lemma_lookup")
    words = ["Booking", "went", "meetings", "PRICES", "children", "xyzzy", "we've", "is", *registry_words()]
    assert [lemmatizer.lemma_of(w) for w in words] == [str(table.get(w.lower(), w.lower())).lower() for w in words]
    # Given lookups, it uses them as spaCy's component does.
    import spacy

    other = spacy.blank("en").add_pipe("pitchcheck_lemmatizer")
    other.initialize(lookups=stock)
    assert [other.lemma_of(w) for w in words] == [lemmatizer.lemma_of(w) for w in words]


def registry_words() -> list[str]:
    """The words of spacy-lookups-data's English lemma table, read as spaCy reads it."""
    from spacy.util import load_language_data, registry

    return list(load_language_data(registry.lookups.get("en")["lemma_lookup"]))


SENTENCE_TEXTS = [
    "Hi Jo. Thanks!! See you soon?! Bye...",
    "Wait ... what? \"Really.\" (Yes.) OK",
    "Ends with a mark.",
    "No mark at all",
    "...",
    "Hi!\n\nBook a call: calendly.com/jo. $99/mo. Only 2 left!!! Ok?",
    "Ana: what do you charge?\nBo: $85. Why?",
    "e.g. this, i.e. that. U.S. prices! 3.5 stars. Done。Next！",
    "!? ?! .. -- . ) . (",
]


@pytest.mark.parametrize("text", SENTENCE_TEXTS)
def test_sentencizer_gives_spacys_sentence_starts(text: str) -> None:
    """``pitchcheck_sentencizer`` reads ORTH hashes; spaCy's Sentencizer reads each token's text."""
    import spacy
    from spacy.attrs import SENT_START

    from pitchcheck.preprocess import get_nlp

    nlp = get_nlp()
    ours = nlp.get_pipe("pitchcheck_sentencizer")
    stock = spacy.blank("en").add_pipe("sentencizer")
    a, b = nlp.make_doc(text), nlp.make_doc(text)
    assert ours(a).to_array(SENT_START).tolist() == stock(b).to_array(SENT_START).tolist()


def test_sentencizer_gives_spacys_sentence_starts_on_the_corpus() -> None:
    import spacy
    from spacy.attrs import SENT_START

    import pitchcheck
    from pitchcheck.preprocess import get_nlp

    nlp = get_nlp()
    ours = nlp.get_pipe("pitchcheck_sentencizer")
    stock = spacy.blank("en").add_pipe("sentencizer")
    for text in pitchcheck.load_corpus().text.tolist()[:400]:
        a, b = nlp.make_doc(text), nlp.make_doc(text)
        assert ours(a).to_array(SENT_START).tolist() == stock(b).to_array(SENT_START).tolist(), text


def test_token_lexemes_are_read_token_by_token() -> None:
    """``token_lexemes`` looks words up by ORTH hash; each token's own lower-cased form, lemma, kind and sentence start give the same."""
    import pitchcheck
    from pitchcheck.features import REGISTER_WORDS, _orth_kind, analyse, token_lexemes

    texts = pitchcheck.load_corpus().text.tolist()[:300] + ["Booking Booking. Booking\nBooking 42 $ jo@x.io https://x.io I", "Hey Jo! hey, HI there. Regards, Sam lol"]
    for analysis in analyse(texts):
        doc = analysis.doc
        expected: list[str | None] = []
        for token in doc:
            kind = _orth_kind(doc, token.orth)
            if kind in ("word", "title") and (token.lemma_ in REGISTER_WORDS or token.lower_ in REGISTER_WORDS):
                expected.append("")  # a greeting or sign-off: left out, wherever it is
            elif kind == "word" or (kind == "title" and (token.is_sent_start or token.i == 0)):
                expected.append(token.lower_)
            elif kind == "skip":
                expected.append(None)
            elif kind == "title":
                expected.append("")
            else:
                expected.append(kind)
        assert token_lexemes(doc) == expected


def test_rule_words_skipping_the_tokenizer_are_single_tokens() -> None:
    """``_tokens`` keeps plain lower-case words whole without the tokenizer: it must agree for every word of the rules."""
    from pitchcheck.preprocess import _tokens, get_nlp
    from pitchcheck.signals import RULES

    nlp = get_nlp()
    words = {alt for rules in RULES.values() for rule in rules for word in rule.split() for alt in word.rstrip("?").split("|")}
    words |= {"cannot", "gonna", "whaddya", "im", "dont"}  # special cases the tokenizer splits
    for word in sorted(words):
        if word.startswith("/") or not word:
            continue
        assert _tokens(nlp, word) == [t.text for t in nlp.tokenizer(word)], word


@pytest.mark.parametrize(("ngram_range", "min_df"), [((1, 2), 2), ((1, 3), 1), ((1, 1), 0.01)])
def test_counted_tfidf_is_what_the_vectorizer_gives(ngram_range: tuple[int, int], min_df: float) -> None:
    """Fitting counts n-grams with NumPy; the vocabulary (and its order), idf and rows must be scikit-learn's."""
    import pitchcheck
    from pitchcheck._grams import GramCounts
    from pitchcheck.model import PitchClassifier, _counted_tfidf

    texts = pitchcheck.load_corpus("train").text.tolist()[:400] + ["ok", "!!!", "Book now. Book now! BOOK NOW."]
    model = PitchClassifier(ngram_range=ngram_range, min_df=min_df)
    feats = model._extract(texts)
    fit_part, other = feats[:300], feats[300:]
    vectorizer, rows, _ = model._fit_vectorizer(fit_part, GramCounts.of(fit_part, ngram_range))
    reference = model._new_vectorizer()
    expected = reference.fit_transform([f.lexemes for f in fit_part])
    assert vectorizer.vocabulary_ == reference.vocabulary_
    assert list(vectorizer.get_feature_names_out()) == list(reference.get_feature_names_out())
    np.testing.assert_array_equal(vectorizer.idf_, reference.idf_)
    assert abs(rows - expected).max() < 1e-12
    unseen = _counted_tfidf(vectorizer, other, ngram_range)
    assert abs(unseen - reference.transform([f.lexemes for f in other])).max() < 1e-12
    # The vectorizer is a real, usable one: its own transform agrees too.
    assert abs(vectorizer.transform([f.lexemes for f in other]) - unseen).max() < 1e-12


def test_fit_without_any_common_ngram_is_a_clear_error() -> None:
    from pitchcheck import PitchClassifier
    from pitchcheck.errors import InputError

    with pytest.raises(InputError, match="min_df"):
        PitchClassifier(min_df=50, calibration_folds=2).fit(
            ["Buy now, only $9!", "Thanks for the intro", "Book a demo today", "Great to meet you"], ["direct_selling", "relationship_building"] * 2
        )


def test_tokenizer_cache_splits_every_text_as_splitting_afresh() -> None:
    """The pipeline's tokenizer keeps up to TOKENIZER_CACHE_SIZE chunks split; a cached chunk
    must come out as a tokenizer that caches nothing splits it (spaCy's own cache, made bigger),
    and every corpus text as spaCy's English tokenizer splits it (``pitchcheck._tokenizer``)."""
    import spacy

    import pitchcheck
    from pitchcheck.preprocess import TOKENIZER_CACHE_SIZE, build_nlp

    nlp = build_nlp()
    assert nlp.tokenizer.max_cache_size == TOKENIZER_CACHE_SIZE > 10_000
    uncached = spacy.blank("en").tokenizer
    uncached.max_cache_size = 0
    texts = pitchcheck.load_corpus().text.tolist()
    assert len({chunk for text in texts for chunk in text.split()}) > 10_000  # past spaCy's default
    for _ in range(2):  # the second pass reads the cache
        for text in texts:
            assert [(t.text, t.whitespace_) for t in nlp.tokenizer(text)] == [(t.text, t.whitespace_) for t in uncached(text)]


#: Surroundings of a special case: where spaCy checks for one (the whole chunk, after a
#: prefix, before a suffix, both) and the special-case matcher's reach.
SPECIAL_SURROUNDINGS = ["{}", "({})", '"{}"', "{}.", "{},", "{}!", "...{}", "{}'s", "{}?)", "'{}'", "x {} y", "{}:", "-{}-", "{}\n{}", "({}).", "{} {}"]


def test_tokenizer_splits_like_spacys_around_every_special_case() -> None:
    """``pitchcheck._tokenizer`` moves most special cases into its affix functions (so the
    cache keeps working after them) and must still split exactly as spaCy's English
    tokenizer does: every special case, alone and in each of ``SPECIAL_SURROUNDINGS``."""
    import spacy

    from pitchcheck.preprocess import build_nlp

    ours = build_nlp().tokenizer
    stock = spacy.blank("en").tokenizer
    assert len(ours.rules) < len(stock.rules) / 2
    assert "don't" not in ours.rules and "\n" not in ours.rules and "Mr." in ours.rules
    for special in stock.rules:
        for surrounding in SPECIAL_SURROUNDINGS:
            text = surrounding.format(special, special)
            assert [(t.text, t.whitespace_) for t in ours(text)] == [(t.text, t.whitespace_) for t in stock(text)], text


def test_tokenizer_survives_pickling_and_saving(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``nlp.pipe(n_process=...)`` pickles the pipeline, and ``nlp.to_bytes`` / ``to_disk``
    save it: the tokenizer must pickle, save and load back as the same tokenizer."""
    import pickle

    from pitchcheck.preprocess import get_nlp

    nlp = get_nlp()
    tokenizer = nlp.tokenizer
    text = "I'm sure we can't've (Mr. Okafor said so) at 2pm :) dont\n\nthanks!"
    expected = [t.text for t in tokenizer(text)]
    assert [t.text for t in pickle.loads(pickle.dumps(tokenizer))(text)] == expected
    assert nlp.to_bytes()
    nlp.to_disk(tmp_path / "nlp")
    again = pickle.loads(pickle.dumps(tokenizer)).from_bytes(tokenizer.to_bytes()).from_disk(tmp_path / "nlp" / "tokenizer")
    assert [t.text for t in again(text)] == expected == ["I", "'m", "sure", "we", "ca", "n't", "'ve", "(", "Mr.", "Okafor", "said", "so", ")", "at", "2", "pm", ":)", "do", "nt", "\n\n", "thanks", "!"]


def test_a_saved_pipeline_loads_back_with_spacy_load(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``spacy.load`` of a saved ``get_nlp()`` gives the same lemmas and signals (the
    lemmatizer re-reads its table from spacy-lookups-data rather than saving it)."""
    import spacy

    from pitchcheck.preprocess import SIGNALS_KEY, get_nlp

    nlp = get_nlp()
    nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.pipe_names == nlp.pipe_names
    text = "Loved your talk! We help startups cut hiring costs 40%. Booking a quick call this week?\nThanks, Jo"
    a, b = nlp(text), loaded(text)
    assert [t.lemma_ for t in b] == [t.lemma_ for t in a] and "book" in [t.lemma_ for t in b]
    assert [(s.label_, s.start, s.end) for s in b.spans[SIGNALS_KEY]] == [(s.label_, s.start, s.end) for s in a.spans[SIGNALS_KEY]]
    assert b.spans[SIGNALS_KEY]
    again = spacy.blank("en", config=nlp.config).from_bytes(nlp.to_bytes())
    assert [t.lemma_ for t in again(text)] == [t.lemma_ for t in a]


def test_bigram_index_reads_bigrams_by_their_lemmas_columns() -> None:
    """Bigram columns are looked up by their two lemmas' own columns, or not at all when one has none."""
    from pitchcheck.model import _bigram_index

    keys, columns = _bigram_index({"a": 0, "b": 1, "b a": 2, "a b": 3, "c": 4})
    assert keys.tolist() == [0 * 5 + 1, 1 * 5 + 0] and columns.tolist() == [3, 2]
    assert _bigram_index({"a": 0, "a b": 1}) == (None, None)  # "b" is not a column: look up by text


def test_explain_docs_reads_bigrams_alike_in_a_batch_and_alone() -> None:
    """A batch reads bigram columns through ``_Weights.bigram_index``, a lone Doc by their text: same logits."""
    import pitchcheck
    from pitchcheck.api import _plan
    from pitchcheck.features import analyse
    from pitchcheck.model import _BIGRAM_INDEX_MIN_DOCS

    model = pitchcheck.load_model()
    texts = pitchcheck.load_corpus("test").text.tolist()[:40]
    items = [(a.doc, _plan(a, None).rows()) for a in analyse(texts)]
    assert len(items) >= _BIGRAM_INDEX_MIN_DOCS
    together = model._explain_docs(items)
    for item, (_, logits) in zip(items, together):
        (_, alone), = model._explain_docs([item])
        assert list(alone) == pytest.approx(list(logits), abs=1e-12, rel=0)


@given(st.lists(st.one_of(st.none(), st.integers(0, 5)), max_size=30))
def test_fill_in_replaces_every_miss_and_nothing_else(values: list[int | None]) -> None:
    from pitchcheck.preprocess import fill_in

    filled = list(values)
    fill_in(filled, None, lambda i: 100 + i)
    assert filled == [100 + i if v is None else v for i, v in enumerate(values)]
