"""The shipped corpus: schema, size and mix, template guards, split, validation errors.

Deterministic and data-only (no model training); runs in a few seconds.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pitchcheck
from pitchcheck.conversation import is_conversation, split_turns

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TEST_IDS = DATA / "test_ids.txt"
COLUMNS = ["id", "text", "label", "kind", "channel", "industry", "difficulty", "split"]
LABELS = {"relationship_building", "direct_selling"}


def n_words(text: str) -> int:
    return len(text.split())


def show(df: pd.DataFrame, mask, limit: int = 20) -> str:
    """The ids (and a snippet) of the rows that fail, for the assertion message."""
    bad = df[mask]
    rows = [f"{r.id}: {r.text[:60]!r}" for r in bad.head(limit).itertuples()]
    more = f" (+{len(bad) - limit} more)" if len(bad) > limit else ""
    return "; ".join(rows) + more


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return pitchcheck.load_corpus()


@pytest.fixture(scope="module")
def test_ids() -> list[str]:
    return [line.strip() for line in TEST_IDS.read_text(encoding="utf-8").splitlines() if line.strip()]


# --------------------------------------------------------------------------- schema


def test_columns(corpus):
    missing = [c for c in COLUMNS if c not in corpus.columns]
    assert not missing, f"missing columns: {missing}"
    assert "notes" in corpus.columns


def test_every_value_is_a_string(corpus):
    for col in COLUMNS:
        bad = ~corpus[col].map(lambda v: isinstance(v, str))
        assert not bad.any(), f"non-string {col}: {show(corpus, bad)}"


def test_labels_are_exactly_the_two(corpus):
    assert set(corpus["label"]) == LABELS
    assert set(pitchcheck.LABELS) == LABELS


def test_kind_values(corpus):
    bad = ~corpus["kind"].isin(["message", "conversation"])
    assert not bad.any(), show(corpus, bad)


def test_kind_agrees_with_is_conversation(corpus):
    reads_as_conversation = corpus["text"].map(is_conversation)
    bad = reads_as_conversation != (corpus["kind"] == "conversation")
    assert not bad.any(), f"kind disagrees with is_conversation(text): {show(corpus, bad)}"


def test_conversation_turns_and_speakers(corpus):
    conv = corpus[corpus["kind"] == "conversation"]
    assert len(conv) > 0
    turns = conv["text"].map(lambda t: sum(1 for line in t.split("\n") if line.strip()))
    bad_turns = ~turns.between(2, 8)
    assert not bad_turns.any(), f"conversations without 2-8 turns: {show(conv, bad_turns)}"
    speakers = conv["text"].map(lambda t: len({turn.speaker for turn in split_turns(t)}))
    bad_speakers = ~speakers.between(2, 3)
    assert not bad_speakers.any(), f"conversations without 2-3 speakers: {show(conv, bad_speakers)}"


def test_difficulty_values(corpus):
    bad = ~corpus["difficulty"].isin(["easy", "hard"])
    assert not bad.any(), show(corpus, bad)


def test_split_values(corpus):
    bad = ~corpus["split"].isin(["train", "test"])
    assert not bad.any(), show(corpus, bad)


def test_ids_unique(corpus):
    dup = corpus["id"].duplicated(keep=False)
    assert not dup.any(), f"duplicate ids: {show(corpus, dup)}"
    assert (corpus["id"].str.strip() != "").all()


def test_texts_non_empty(corpus):
    bad = corpus["text"].str.strip() == ""
    assert not bad.any(), f"empty texts: {show(corpus, bad)}"


def test_texts_at_most_250_words(corpus):
    bad = corpus["text"].map(n_words) > 250
    assert not bad.any(), f"texts over 250 words: {show(corpus, bad)}"


# --------------------------------------------------------------------------- size and mix


def test_size(corpus):
    assert len(corpus) >= 1600


def test_label_balance(corpus):
    share = corpus["label"].value_counts(normalize=True)
    for label in LABELS:
        assert 0.45 <= share.get(label, 0.0) <= 0.55, f"{label}: {share.get(label, 0.0):.1%}"


def test_conversation_share_and_balance(corpus):
    conv = corpus[corpus["kind"] == "conversation"]
    assert len(conv) / len(corpus) >= 0.25, f"conversations are {len(conv) / len(corpus):.1%}"
    share = conv["label"].value_counts(normalize=True)
    for label in LABELS:
        assert 0.40 <= share.get(label, 0.0) <= 0.60, f"{label} among conversations: {share.get(label, 0.0):.1%}"


def test_channel_and_industry_variety(corpus):
    assert corpus["channel"].nunique() >= 8, sorted(corpus["channel"].unique())
    assert corpus["industry"].nunique() >= 20, sorted(corpus["industry"].unique())


@pytest.mark.parametrize("column", ["channel", "industry"])
def test_label_balance_within_groups(corpus, column):
    unbalanced = []
    for value, group in corpus.groupby(column):
        if len(group) < 20:
            continue
        share = group["label"].value_counts(normalize=True)
        for label in LABELS:
            if not 0.30 <= share.get(label, 0.0) <= 0.70:
                unbalanced.append(f"{value}: {label} {share.get(label, 0.0):.0%} of {len(group)}")
    assert not unbalanced, f"{column}s outside 30-70%: {unbalanced}"


def test_length_mix(corpus):
    words = corpus["text"].map(n_words)
    short, long = (words < 20).mean(), (words > 80).mean()
    assert short >= 0.15, f"only {short:.1%} under 20 words"
    assert long >= 0.15, f"only {long:.1%} over 80 words"


def test_hard_share(corpus):
    hard = (corpus["difficulty"] == "hard").mean()
    assert hard >= 0.30, f"only {hard:.1%} hard"


#: Registers the corpus must cover, each with a detector and a minimum number of items.
REGISTERS = {
    "emoji": (r"[\U0001F300-\U0001FAFF\u2600-\u27BF]", 100),
    "bullet points": (r"(?m)^\s*(?:[-\u2022*]|\d+[.)])\s+\S", 30),
    "links": (r"https?://|www\.|\b[\w-]+\.(?:com|org|example)\b", 30),
    "sign-off lines": (r"(?im)^(?:best|regards|cheers|thanks|warmly|sincerely|kind regards|best regards)[,!.]?\s*$", 30),
    "P.S. lines": (r"(?im)^\s*p\.?\s?s\b", 12),
    "text-speak": (r"(?i)\b(?:thx|pls|plz|u|ur|lol|btw|tmrw|gonna|wanna|omg)\b", 30),
    "typos and dropped apostrophes": (
        r"(?i)\b(?:dont|cant|wont|didnt|isnt|im|ive|thats|youre|recieve|definately|alot|tommorow|thier|wich|becuase)\b", 12),
    "lower-case start (casual)": (r"^[a-z]", 15),
}


@pytest.mark.parametrize("register", sorted(REGISTERS))
def test_registers_are_varied(corpus, register):
    pattern, minimum = REGISTERS[register]
    found = corpus["text"].str.contains(pattern, regex=True)
    assert found.sum() >= minimum, f"only {found.sum()} items with {register} (want {minimum}+)"
    assert found[corpus["label"] == "direct_selling"].any() and found[corpus["label"] == "relationship_building"].any()


def test_non_native_english_is_represented(corpus):
    flagged = corpus["notes"].str.contains("non-native", case=False)
    assert flagged.sum() >= 10, f"only {flagged.sum()} items noted as non-native English"


# --------------------------------------------------------------------------- template guards


def test_no_near_duplicates(corpus):
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = corpus["text"].tolist()
    tfidf = TfidfVectorizer(ngram_range=(1, 2)).fit_transform(texts)
    sims = (tfidf @ tfidf.T).tocoo()
    pairs = sorted(
        {(min(i, j), max(i, j), round(float(s), 3)) for i, j, s in zip(sims.row, sims.col, sims.data) if i != j and s >= 0.8}
    )
    ids = corpus["id"].tolist()
    assert not pairs, f"{len(pairs)} pairs with TF-IDF cosine >= 0.8: " + ", ".join(
        f"{ids[i]}~{ids[j]} ({s})" for i, j, s in pairs[:20]
    )


def test_no_common_six_grams(corpus):
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(ngram_range=(6, 6), binary=True)
    counts = np.asarray(vectorizer.fit_transform(corpus["text"]).sum(axis=0)).ravel()
    limit = 0.02 * len(corpus)
    names = vectorizer.get_feature_names_out()
    hot = [(names[k], int(counts[k])) for k in np.argsort(-counts) if counts[k] > limit]
    assert not hot, f"word 6-grams in more than 2% of items ({limit:.0f}): {hot[:20]}"


def test_first_five_words_mostly_unique(corpus):
    keys = corpus["text"].map(lambda t: " ".join(re.findall(r"\w+", t.lower())[:5]))
    shared = keys.duplicated(keep=False)
    unique_share = 1 - shared.mean()
    assert unique_share >= 0.95, (
        f"first five words unique in only {unique_share:.1%} of items; shared: "
        + str(Counter(keys[shared]).most_common(15))
    )


def _emoji_count(text: str) -> int:
    return sum(1 for c in text if unicodedata.category(c) == "So" or 0x1F000 <= ord(c) <= 0x1FAFF)


def _surface_features(df: pd.DataFrame) -> np.ndarray:
    channels = sorted(df["channel"].unique())
    rows = []
    for text, channel in zip(df["text"], df["channel"]):
        rows.append(
            [
                len(text),
                len(text.split()),
                text.count("!"),
                text.count("?"),
                text.count(","),
                text.count("."),
                _emoji_count(text),
                text.count("\n") + 1,
                *(float(channel == c) for c in channels),
            ]
        )
    return np.array(rows, dtype=float)


def test_surface_features_do_not_give_the_label_away(corpus):
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X = _surface_features(corpus)
    y = corpus["label"].to_numpy()
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    pred = cross_val_predict(model, X, y, cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=0))
    score = f1_score(y, pred, average="macro")
    assert score <= 0.70, f"surface-only logistic regression reaches macro-F1 {score:.3f} (> 0.70)"


def test_surface_features_exclude_digits_and_currency():
    # The probe must only see surface shape: the same text with other digits or
    # currency signs gives the same features.
    df = pd.DataFrame({"text": ["Only $49 today, 3 spots!", "Only €12 today, 7 spots!"], "channel": ["sms", "sms"]})
    features = _surface_features(df)
    assert (features[0] == features[1]).all()


# --------------------------------------------------------------------------- split


def test_split_column_matches_test_ids(corpus, test_ids):
    assert len(test_ids) == len(set(test_ids)), "duplicate ids in data/test_ids.txt"
    unknown = sorted(set(test_ids) - set(corpus["id"]))
    assert not unknown, f"ids in test_ids.txt that are not in the corpus: {unknown[:20]}"
    in_test_ids = corpus["id"].isin(set(test_ids))
    bad = in_test_ids != (corpus["split"] == "test")
    assert not bad.any(), f"split column disagrees with data/test_ids.txt: {show(corpus, bad)}"


def test_test_share(corpus):
    share = (corpus["split"] == "test").mean()
    assert share >= 0.20, f"test is only {share:.1%}"


@pytest.mark.parametrize("column", ["label", "kind", "difficulty"])
def test_test_split_is_stratified(corpus, column):
    overall = corpus[column].value_counts(normalize=True)
    test = corpus.loc[corpus["split"] == "test", column].value_counts(normalize=True)
    for value in overall.index:
        gap = abs(test.get(value, 0.0) - overall[value])
        assert gap <= 0.03, f"{column}={value}: {test.get(value, 0.0):.1%} of test vs {overall[value]:.1%} overall"


# --------------------------------------------------------------------------- label audit

#: The audit's draws: (first id, last id, seed of ``DataFrame.sample(frac=0.10)`` over those rows).
AUDIT_DRAWS = [(1, 1728, 20261125), (1729, 2088, 20261126), (2089, 2148, 20261127), (2149, 2507, 20261128), (2508, 2687, 20261129), (2688, 2867, 20261130), (2868, 3046, 20261131), (3047, 3226, 20261132), (3227, 3405, 20261133), (3406, 3584, 20261134), (3585, 3763, 20261135), (3764, 3943, 20261136), (3944, 4123, 20261137), (4124, 4302, 20261138), (4303, 4481, 20261139), (4482, 4660, 20261140), (4661, 4840, 20261141), (4841, 5019, 20261142), (5020, 5196, 20261143), (5197, 5376, 20261144), (5377, 5555, 20261145), (5556, 5733, 20261146), (5734, 5913, 20261147), (5914, 6092, 20261148), (6093, 6272, 20261149), (6273, 6452, 20261150), (6453, 6632, 20261151), (6633, 6812, 20261152), (6813, 6992, 20261153), (6993, 7172, 20261154), (7173, 7351, 20261155), (7352, 7530, 20261156), (7531, 7707, 20261157), (7708, 7883, 20261158), (7884, 8059, 20261159), (8060, 8236, 20261160), (8237, 8398, 20261161), (8399, 8567, 20261162), (8568, 8747, 20261163), (8748, 8925, 20261164), (8926, 9104, 20261165), (9105, 9283, 20261166), (9284, 9461, 20261167), (9462, 9640, 20261168), (9641, 9819, 20261169), (9820, 9992, 20261170), (9993, 10168, 20261171), (10169, 10346, 20261172), (10347, 10524, 20261173), (10525, 10701, 20261174), (10702, 10878, 20261175), (10879, 11051, 20261176), (11052, 11230, 20261177), (11231, 11407, 20261178), (11408, 11585, 20261179), (11586, 11763, 20261180), (11764, 11940, 20261181), (11941, 12115, 20261182), (12116, 12291, 20261183), (12292, 12467, 20261184), (12468, 12641, 20261185), (12642, 12816, 20261186), (12817, 12993, 20261187), (12994, 13172, 20261188), (13173, 13350, 20261189), (13351, 13528, 20261190), (13529, 13706, 20261191), (13707, 13886, 20261192), (13887, 14066, 20261193), (14067, 14246, 20261194), (14247, 14426, 20261195), (14427, 14605, 20261196), (14606, 14785, 20261197), (14786, 14963, 20261198), (14964, 15143, 20261199), (15144, 15322, 20261200), (15323, 15501, 20261201), (15502, 15679, 20261202), (15680, 15858, 20261203), (15859, 16038, 20261204), (16039, 16218, 20261205), (16219, 16398, 20261206), (16399, 16578, 20261207), (16579, 16758, 20261208), (16759, 16935, 20261209)]


@pytest.fixture(scope="module")
def audit() -> pd.DataFrame:
    return pd.read_csv(DATA / "audit.csv", dtype=str, keep_default_na=False)


def test_audit_is_the_seeded_ten_percent(corpus, audit):
    number = corpus["id"].str.removeprefix("pc-").astype(int)
    expected: set[str] = set()
    for first, last, seed in AUDIT_DRAWS:
        rows = corpus[(number >= first) & (number <= last)]
        expected |= set(rows.sample(frac=0.10, random_state=seed)["id"])
    assert set(audit["id"]) == expected
    assert len(audit) == len(expected)
    assert len(audit) >= 0.095 * len(corpus)


def test_audit_labels_and_resolutions(corpus, audit):
    labels = corpus.set_index("id")["label"]
    assert (audit["corpus_label"] == audit["id"].map(labels)).all(), "audit.csv corpus_label is out of date"
    assert set(audit["audit_label"]) <= LABELS
    disagree = audit["corpus_label"] != audit["audit_label"]
    assert (audit.loc[disagree, "resolution"].str.len() > 0).all()
    assert not audit.loc[disagree, "resolution"].str.startswith("agreed").any()


def test_datasheet_reports_the_audit_kappa(audit):
    from sklearn.metrics import cohen_kappa_score

    kappa = cohen_kappa_score(audit["corpus_label"], audit["audit_label"])
    agree = int((audit["corpus_label"] == audit["audit_label"]).sum())
    datasheet = (DATA / "README.md").read_text(encoding="utf-8")
    assert f"Cohen's kappa = {kappa:.2f}" in datasheet
    assert f"{agree:,} of {len(audit):,} audited items" in datasheet


@pytest.mark.parametrize("split", ["train", "test"])
def test_load_corpus_split(corpus, split):
    part = pitchcheck.load_corpus(split)
    expected = corpus[corpus["split"] == split]
    assert len(part) > 0
    assert (part["split"] == split).all()
    assert part["id"].tolist() == expected["id"].tolist()
    assert part["text"].tolist() == expected["text"].tolist()


def test_load_corpus_bad_split():
    with pytest.raises(pitchcheck.InputError):
        pitchcheck.load_corpus("bogus")


# --------------------------------------------------------------------------- validation errors

HEADER = [*COLUMNS, "notes"]


def _row(ident: str, text: str, **overrides: str) -> dict[str, str]:
    row = {
        "id": ident,
        "text": text,
        "label": "relationship_building",
        "kind": "message",
        "channel": "email",
        "industry": "law",
        "difficulty": "easy",
        "split": "train",
        "notes": "",
    }
    row.update(overrides)
    return row


def _good_rows() -> list[dict[str, str]]:
    return [
        _row("t-1", "Thanks for the intro to Ana, Ben. We are meeting Friday."),
        _row("t-2", "Ana: Loved your talk!\nBen: Thanks, glad it helped.", kind="conversation", label="relationship_building"),
        _row("t-3", "Our bookkeeping package is $99 a month. Want a demo?", label="direct_selling"),
    ]


def _write(path: Path, rows: list[dict[str, str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_valid_tmp_corpus_loads(tmp_path):
    # The fixture rows are valid, so each error below is caused by the one change made.
    df = pitchcheck.load_corpus(path=_write(tmp_path / "ok.csv", _good_rows()))
    assert df["id"].tolist() == ["t-1", "t-2", "t-3"]


def _second_row_broken(tmp_path: Path, **changes: str) -> Path:
    rows = _good_rows()
    rows[1].update(changes)
    return _write(tmp_path / "bad.csv", rows)


@pytest.mark.parametrize(
    "changes, problem",
    [
        ({"label": "spam"}, "bad label 'spam'"),
        ({"text": ""}, "empty text"),
        ({"text": "   \n  "}, "empty text"),
        ({"text": "Hi Ana,\nLoved your talk.\nBen", "kind": "conversation"}, "malformed conversation"),
        ({"text": "Ana: hi", "kind": "conversation"}, "malformed conversation"),
        ({"text": "Ana: hi\nBen: hello", "kind": "message"}, "reads as a conversation"),
        ({"id": "t-1"}, "duplicate id 't-1'"),
    ],
    ids=["bad-label", "empty-text", "blank-text", "malformed-conversation", "one-speaker", "message-reads-as-conversation", "duplicate-id"],
)
def test_validation_error_names_row_and_problem(tmp_path, changes, problem):
    path = _second_row_broken(tmp_path, **changes)
    with pytest.raises(pitchcheck.CorpusError) as info:
        pitchcheck.load_corpus(path=path)
    message = str(info.value)
    ident = changes.get("id", "t-2")
    assert f"row 3 (id {ident})" in message, message
    assert problem in message, message


def test_missing_column_is_named(tmp_path):
    header = [c for c in HEADER if c != "label"]
    path = _write(tmp_path / "nolabel.csv", _good_rows(), header=header)
    with pytest.raises(pitchcheck.CorpusError) as info:
        pitchcheck.load_corpus(path=path)
    message = str(info.value)
    assert "missing column" in message and "label" in message, message


def test_corpus_error_is_a_pitchcheck_error(tmp_path):
    path = _second_row_broken(tmp_path, label="spam")
    with pytest.raises(pitchcheck.PitchcheckError):
        pitchcheck.load_corpus(path=path)


@pytest.mark.parametrize("reader", ["load_corpus", "read_labeled_csv"])
def test_a_row_wider_than_the_header_is_an_input_error_naming_its_line(tmp_path, reader):
    # pandas alone would make the first column the index and shift every value one column left
    path = tmp_path / "wide.csv"
    path.write_text("text,label\nThanks, really, for the intro,relationship_building\nBook a demo,direct_selling\n",
                    encoding="utf-8")
    from pitchcheck.corpus import read_labeled_csv

    read = (lambda p: pitchcheck.load_corpus(path=p)) if reader == "load_corpus" else read_labeled_csv
    with pytest.raises(pitchcheck.InputError, match=r"line 2 has 4 fields but the header has 2 columns"):
        read(path)


def test_a_row_narrower_than_the_header_keeps_its_values_in_place(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("text,label,split\nThanks for the intro,relationship_building\nBook a demo,direct_selling,test\n",
                    encoding="utf-8")
    from pitchcheck.corpus import read_labeled_csv

    df = read_labeled_csv(path)
    assert df.to_dict("records") == [
        {"text": "Thanks for the intro", "label": "relationship_building", "split": ""},
        {"text": "Book a demo", "label": "direct_selling", "split": "test"},
    ]


# --------------------------------------------------------------------------- "NA" text


def test_text_na_stays_a_string(tmp_path):
    rows = _good_rows()
    rows[0]["text"] = "NA"
    rows[2]["notes"] = "NA"
    path = _write(tmp_path / "na.csv", rows)
    df = pitchcheck.load_corpus(path=path)
    assert df["text"].iloc[0] == "NA"
    assert isinstance(df["text"].iloc[0], str)
    assert df["notes"].iloc[2] == "NA"
    assert df["notes"].iloc[0] == ""


# --------------------------------------------------------------------------- datasheet tables


def _composition_module():
    spec = importlib.util.spec_from_file_location("corpus_composition", ROOT / "scripts" / "corpus_composition.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_datasheet_composition_tables_are_current():
    composition = _composition_module()
    assert composition.is_up_to_date(DATA / "README.md", DATA / "corpus.csv"), (
        "data/README.md composition tables are stale; run python scripts/corpus_composition.py"
    )


def test_composition_check_detects_stale_tables(tmp_path):
    composition = _composition_module()
    readme = tmp_path / "README.md"
    readme.write_text(
        "# x\n\n<!-- composition:start -->\nold table\n<!-- composition:end -->\n\nafter\n", encoding="utf-8"
    )
    assert not composition.is_up_to_date(readme, DATA / "corpus.csv")
    assert composition.main(["--check", "--readme", str(readme)]) == 1
    assert composition.update(readme, DATA / "corpus.csv")
    assert composition.is_up_to_date(readme, DATA / "corpus.csv")
    text = readme.read_text(encoding="utf-8")
    assert "old table" not in text and text.startswith("# x\n") and text.endswith("\nafter\n")
    assert "| `relationship_building` |" in text


def test_composition_fails_clearly_without_markers(tmp_path):
    composition = _composition_module()
    readme = tmp_path / "README.md"
    readme.write_text("# no markers here\n", encoding="utf-8")
    with pytest.raises(composition.CompositionError, match="composition:start"):
        composition.update(readme, DATA / "corpus.csv")
    assert readme.read_text(encoding="utf-8") == "# no markers here\n"
