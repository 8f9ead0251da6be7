"""The estimator behaves like any scikit-learn classifier, and the shipped model is current."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score

import pitchcheck
from pitchcheck import PitchClassifier
from pitchcheck._resources import default_model_path


@pytest.fixture(scope="module")
def small() -> pd.DataFrame:
    """A stratified sample of the train split, big enough for 3-fold CV."""
    train = pitchcheck.load_corpus("train")
    return train.groupby("label").sample(60, random_state=1).reset_index(drop=True)


def test_init_only_stores_parameters() -> None:
    clf = PitchClassifier(C=2.5, use_focus=False, threshold=0.3)
    assert clf.get_params()["C"] == 2.5 and clf.get_params()["use_focus"] is False
    assert not [k for k in vars(clf) if k.endswith("_")]


def test_not_fitted_error_before_fit() -> None:
    with pytest.raises(NotFittedError):
        PitchClassifier().predict(["hello there, thanks for the intro"])


def test_fit_returns_self_and_learns_attributes(small: pd.DataFrame) -> None:
    clf = PitchClassifier(C=1.0)
    assert clf.fit(small.text, small.label) is clf
    assert list(clf.classes_) == ["direct_selling", "relationship_building"]
    proba = clf.predict_proba(["Only 3 spots left at $99/month, book your demo today!", "Congrats on the new role, so happy for you!"])
    assert proba.shape == (2, 2) and np.allclose(proba.sum(axis=1), 1)
    assert proba[0, 0] > 0.5 > proba[1, 0]  # column 0 follows classes_[0] == direct_selling
    assert list(clf.predict(["Only 3 spots left at $99/month, book your demo today!"])) == ["direct_selling"]


def test_threshold_decides_predict(small: pd.DataFrame) -> None:
    clf = PitchClassifier().fit(small.text, small.label)
    texts = small.text.tolist()[:40]
    p = clf.predict_proba(texts)[:, 0]
    for th in (0.2, 0.5, 0.8):
        clf.set_params(threshold=th)
        assert list(clf.predict(texts)) == ["direct_selling" if x >= th else "relationship_building" for x in p]


def test_clone_and_set_params_change_behaviour(small: pd.DataFrame) -> None:
    base = PitchClassifier(C=1.0).fit(small.text, small.label)
    other = clone(base).set_params(use_lexical=False)
    assert not hasattr(other, "linear_")  # clone is unfitted
    other.fit(small.text, small.label)
    texts = small.text.tolist()[:30]
    assert not np.allclose(base.predict_proba(texts), other.predict_proba(texts))
    assert other.vectorizer_ is None and base.vectorizer_ is not None


def test_feature_family_switches_change_columns(small: pd.DataFrame) -> None:
    full = PitchClassifier().fit(small.text, small.label)
    no_sell = PitchClassifier(use_selling=False).fit(small.text, small.label)
    assert "call_to_action" in full.signal_columns_ and "call_to_action" not in no_sell.signal_columns_
    # The layout of the selling signals belongs to the selling family.
    assert {"selling_breadth", "closing_selling"} <= set(full.signal_columns_)
    assert not {"selling_breadth", "closing_selling"} & set(no_sell.signal_columns_)
    with pytest.raises(pitchcheck.InputError):
        PitchClassifier(use_selling=False, use_relationship=False, use_focus=False, use_lexical=False).fit(small.text, small.label)


def test_grid_search_picks_among_values(small: pd.DataFrame) -> None:
    search = GridSearchCV(PitchClassifier(), {"C": [0.001, 3.0]}, cv=StratifiedKFold(3, shuffle=True, random_state=0), scoring="f1_macro")
    search.fit(small.text, small.label)
    assert search.best_params_["C"] in (0.001, 3.0)
    scores = search.cv_results_["mean_test_score"]
    assert scores[0] != scores[1]


def test_cross_val_score_runs(small: pd.DataFrame) -> None:
    scores = cross_val_score(PitchClassifier(), small.text, small.label, cv=StratifiedKFold(3, shuffle=True, random_state=0), scoring="f1_macro")
    assert scores.shape == (3,) and scores.mean() > 0.6


def test_cross_val_predict_with_predict_proba(small: pd.DataFrame) -> None:
    from sklearn.model_selection import cross_val_predict

    proba = cross_val_predict(PitchClassifier(), small.text, small.label, cv=StratifiedKFold(3, shuffle=True, random_state=0), method="predict_proba")
    assert proba.shape == (len(small), 2)
    selling = (small.label == "direct_selling").to_numpy()
    assert proba[selling, 0].mean() > proba[~selling, 0].mean()


def test_same_data_and_seed_give_identical_predictions(small: pd.DataFrame) -> None:
    a = PitchClassifier(random_state=3).fit(small.text, small.label)
    b = PitchClassifier(random_state=3).fit(small.text, small.label)
    texts = pitchcheck.load_corpus("test").text.tolist()[:50]
    assert np.array_equal(a.predict_proba(texts), b.predict_proba(texts))


def test_bad_training_input_is_a_clear_error() -> None:
    with pytest.raises(pitchcheck.InputTypeError):
        PitchClassifier().fit("just one string", ["direct_selling"])
    with pytest.raises(pitchcheck.InputError, match="unknown label"):
        PitchClassifier().fit(["a message here", "another one here"], ["spam", "direct_selling"])
    with pytest.raises(pitchcheck.InputError, match="empty"):
        PitchClassifier().fit(["a message here", "  "], ["direct_selling", "relationship_building"])


def test_shipped_model_metadata_reports_calibration_and_targets() -> None:
    meta = json.loads(default_model_path().with_suffix(".json").read_text())
    training = meta["training"]
    assert training["cv"]["ece"] <= 0.05  # out-of-fold, on train: what selection may use
    assert {"brier", "ece"} <= set(training["test"]["results"]["all"])  # reported, never tuned on
    assert training["cv_signals_only"]["macro_f1"] >= 0.85
    assert training["data_sha256"] == pitchcheck.corpus.corpus_sha256()


@pytest.mark.slow
def test_shipped_model_is_what_the_current_code_and_corpus_train() -> None:
    """Retrain from scratch; the shipped model must give the same labels and scores."""
    retrained = pitchcheck.train(seed=0)
    shipped = pitchcheck.load_model()
    texts = pitchcheck.load_corpus().text.tolist()
    assert retrained.get_params() == shipped.get_params()
    a, b = retrained.predict_proba(texts)[:, 0], shipped.predict_proba(texts)[:, 0]
    assert np.max(np.abs(a - b)) <= 1e-9
    assert list(retrained.predict(texts)) == list(shipped.predict(texts))


def test_cross_validation_gives_the_same_probabilities_on_one_core_or_two(small: pd.DataFrame) -> None:
    """Folds fitted in worker processes give what a serial run gives (up to float rounding:
    workers run BLAS on one thread each)."""
    from pitchcheck.training import cross_val_proba

    feats = PitchClassifier()._extract(small.text.tolist())
    y = small.label.to_numpy()
    serial = cross_val_proba(feats, y, {"C": 0.3}, seed=0, n_jobs=1)
    parallel = cross_val_proba(feats, y, {"C": 0.3}, seed=0, n_jobs=2)
    assert np.max(np.abs(serial - parallel)) <= 1e-9
    assert ((serial > 0) & (serial < 1)).all()


def _features(text: str):  # type: ignore[no-untyped-def]
    from pitchcheck.features import analyse, features_of

    return features_of(next(iter(analyse([text]))).doc)


def test_closing_part_is_the_last_sentence_with_a_signal() -> None:
    pitch = "Great to meet you at the expo. We help agencies like yours double their booked calls. Can we book a 15-minute demo on Tuesday?"
    feats = _features(pitch)
    closing_kinds = {kind.value for _, kind in feats.closing}
    assert "call_to_action" in closing_kinds and "self_promotion" not in closing_kinds
    # A sign-off and a signature hold no signal, so they do not hide the ask.
    signed = _features(pitch + "\n\nBest,\nJordan Lee\nDirector, Northwind Partners")
    assert [kind for _, kind in signed.closing] == [kind for _, kind in feats.closing]
    # Warmth at the end: the closing part holds no selling signal.
    warm = _features("Thanks so much for the intro to Priya yesterday, it was really kind of you!")
    assert warm.closing == []


def test_closing_part_of_a_conversation_is_a_turn() -> None:
    feats = _features("Ana: how was the conference?\nBo: great, thanks for asking! Book a demo with us this week, only 3 spots left.\nAna: ha, maybe")
    assert feats.closing and {kind.value for _, kind in feats.closing} >= {"call_to_action"}


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("Great to meet you at the expo. Can we book a demo on Tuesday?\n\nBest,\nJordan", "Can we book a demo on Tuesday?"),
        ("Book a call today. Thanks!", "Book a call today."),
        ("Lovely chat. The price is $40 a month 🙂", "The price is $40 a month 🙂"),
        ("Thanks again for the intro. 🙂", "Thanks again for the intro."),
        ("Ana: how was the conference?\nBo: great! Book a demo with us this week.\nAna: ha, maybe\nBo: Sam", "ha, maybe"),
    ],
)
def test_last_part_is_the_last_sentence_or_turn_with_a_word(text: str, last: str) -> None:
    """A closing "Thanks!", a sign-off, a name or an emoji alone is never the last part."""
    from pitchcheck.features import _default_ranges, analyse, last_part

    doc = next(iter(analyse([text]))).doc
    part = last_part(doc, _default_ranges(doc))
    assert part is not None and doc[part[0] : part[1]].text.strip() == last
    feats = _features(text)
    assert feats.last is not None and feats.last.lexemes == _features(last).lexemes


def test_a_text_of_one_part_is_its_own_last_part() -> None:
    assert _features("Can we book a demo on Tuesday?").last is None
    assert _features("Hi Sam!").last is None  # no word that counts: the whole text stands


def test_use_last_part_adds_the_last_parts_decision(small: pd.DataFrame) -> None:
    """With it, a text's log-odds add the last part's decision; without, the calibration is a plain sigmoid."""
    on = PitchClassifier(C=1.0).fit(small.text, small.label)
    off = clone(on).set_params(use_last_part=False).fit(small.text, small.label)
    assert off.last_part_slope_ == 0.0 and on.last_part_slope_ > 0.0
    text = "Loved your talk on hiring juniors, and the story about your first mentor. Our bootcamp places graduates in 12 weeks; can we book a call Thursday?"
    feats = _features(text)
    slope, intercept = on.calibration_
    expected = slope * on._decision(feats) + on.last_part_slope_ * on._decision(feats.last) + intercept
    assert on.decision_function([text])[0] == pytest.approx(expected, abs=1e-12)
    slope, intercept = off.calibration_
    assert off.decision_function([text])[0] == pytest.approx(slope * off._decision(feats) + intercept, abs=1e-12)
    assert not np.allclose(on.predict_proba(small.text[:50]), off.predict_proba(small.text[:50]))


def test_a_model_pickled_before_use_last_part_loads_as_one_without_it(small: pd.DataFrame) -> None:
    import pickle

    model = PitchClassifier(use_last_part=False).fit(small.text, small.label)
    state = model.__getstate__()
    del state["use_last_part"], state["last_part_slope_"]
    old = pickle.loads(pickle.dumps(model))
    old.__dict__.clear()
    old.__setstate__(state)
    assert old.get_params()["use_last_part"] is False
    assert np.array_equal(old.predict_proba(small.text[:30]), model.predict_proba(small.text[:30]))
    assert clone(old).get_params() == clone(model).get_params()


def test_structure_terms_are_shared_out_exactly() -> None:
    """Breadth and closing terms go to the signals they come from, and the parts add up."""
    model = pitchcheck.load_model()
    result = pitchcheck.check("We help teams like yours cut costs 30%. Book a demo this week, only 3 spots left!", model=model)
    feats = _features("We help teams like yours cut costs 30%. Book a demo this week, only 3 spots left!")
    contrib = model._contributions(feats)
    # The closing term of the text and that of its last part (the same sentence here), each times its slope.
    closing_term = model._signal_terms(feats)[len(model._kinds()) + 1]
    last_closing_term = model._signal_terms(feats.last)[len(model._kinds()) + 1]
    expected = closing_term * model.calibration_[0] + last_closing_term * model.last_part_slope_
    assert feats.last is not None and contrib.closing and abs(sum(contrib.closing.values()) - expected) < 1e-9
    assert abs(sum(s.weight for s in result.signals) - result.contributions["signals"]) < 1e-4
    assert abs(sum(result.contributions.values()) - model.decision_function([result.text])[0]) < 1e-4


def test_a_model_fitted_with_other_signal_columns_is_refused(small: pd.DataFrame) -> None:
    """A model pickled by a pitchcheck that built other columns must not be misread silently."""
    model = PitchClassifier().fit(small.text, small.label)
    model.signal_columns_ = [c for c in model.signal_columns_ if c != "selling_breadth"]
    with pytest.raises(pitchcheck.ModelError, match="retrain"):
        model.predict(["Book a demo today"])


def test_lexical_evidence_of_very_short_texts_is_shrunk(small: pd.DataFrame) -> None:
    """A two-word greeting's l2-normalised TF-IDF row must not weigh like a whole e-mail's."""
    model = PitchClassifier(lexical_min_words=10).fit(small.text, small.label)
    short, long_ = _features("Hi there!"), _features(small.text.iloc[0])
    assert 0 < len(short.lexemes) < 10 <= len(long_.lexemes)
    shrunk = (model._lexical(short), model._lexical(long_))
    model.set_params(lexical_min_words=0)
    full = (model._lexical(short), model._lexical(long_))
    assert shrunk[0] == pytest.approx(full[0] * (len(short.lexemes) / 10) ** 0.5, abs=1e-12)
    assert shrunk[1] == full[1]


def test_nb_scale_is_the_binarised_log_count_ratio() -> None:
    """Per column: 1 - a + a * |log((p / |p|) / (q / |q|))|, p and q the texts of each label holding it, plus one."""
    import scipy.sparse as sp

    from pitchcheck.model import _nb_scale

    lexical = sp.csr_matrix(np.array([[0.5, 0.0, 0.2], [0.7, 0.0, 0.0], [0.0, 0.9, 0.3]]))
    y = np.array([1, 1, 0])
    p, q = np.array([3.0, 1.0, 2.0]), np.array([1.0, 2.0, 2.0])
    ratio = np.log((p / p.sum()) / (q / q.sum()))
    assert np.allclose(_nb_scale(lexical, y, 0.5), 0.5 + 0.5 * np.abs(ratio))
    assert np.allclose(_nb_scale(lexical, y, 0.0), 1.0)
    assert lexical[0, 0] == 0.5  # the input is not modified


def test_lexical_nb_is_fitted_on_scaled_columns_and_folded_into_the_coefficients(small: pd.DataFrame) -> None:
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    from pitchcheck.model import _nb_scale

    texts = small.text.tolist()
    y = (small.label == "direct_selling").to_numpy().astype(int)
    model = PitchClassifier(C=0.5, lexical_weight=4.0, lexical_nb=0.5)
    feats = model._extract(texts)
    vectorizer, linear, _ = model._fit_linear(feats, y, None)
    X = model._design(feats, vectorizer)
    width = len(model._signal_column_names())
    scale = np.concatenate([np.ones(width), _nb_scale(X[:, width:], y, 0.5)])
    assert not np.allclose(scale, 1.0)
    by_hand = LogisticRegression(C=0.5, max_iter=5000).fit((X @ sp.diags(scale)).tocsr(), y)
    # The plain design with the folded coefficients scores as the scaled design did.
    assert np.allclose(linear.decision_function(X), by_hand.decision_function((X @ sp.diags(scale)).tocsr()), atol=1e-6)
    assert np.allclose(linear.coef_[0], by_hand.coef_[0] * scale, atol=1e-6)
    # And it changes the model: clone and set_params reach it.
    plain = clone(model).set_params(lexical_nb=0.0)
    _, plain_linear, _ = plain._fit_linear(feats, y, None)
    assert not np.allclose(plain_linear.decision_function(X), linear.decision_function(X))


@pytest.mark.parametrize("bad", [-0.1, 1.5, "half", True])
def test_bad_lexical_nb_is_a_clear_error(small: pd.DataFrame, bad: object) -> None:
    with pytest.raises(pitchcheck.InputError, match="lexical_nb"):
        PitchClassifier(lexical_nb=bad).fit(small.text[:20], small.label[:20])  # type: ignore[arg-type]


def test_threshold_is_chosen_for_macro_f1_and_over_repeated_folds() -> None:
    from sklearn.metrics import f1_score

    from pitchcheck.training import best_threshold

    y = np.array(["direct_selling"] * 4 + ["relationship_building"] * 4)
    p = np.array([0.9, 0.8, 0.7, 0.35, 0.3, 0.2, 0.1, 0.05])
    t = best_threshold(y, p)
    assert 0.30 < t <= 0.35  # the only cut that gets every item right
    assert best_threshold(y, [p]) == t
    # Two repetitions whose best cuts differ: the threshold maximises the *mean* macro-F1.
    q = np.array([0.9, 0.8, 0.7, 0.6, 0.55, 0.2, 0.1, 0.05])
    both = best_threshold(y, [p, q])

    def mean_f1(cut: float) -> float:
        return float(np.mean([f1_score(y, np.where(r >= cut, "direct_selling", "relationship_building"), average="macro") for r in (p, q)]))

    grid = np.round(np.arange(0.20, 0.801, 0.01), 2)
    assert mean_f1(both) == max(mean_f1(c) for c in grid)
    assert best_threshold(y, [p, p]) == t and both != t


def test_greetings_and_sign_offs_are_not_lexical_evidence():
    """How a message is dressed ("Hey", "Hi", "Regards", "lol") is left out of the lexical
    features, as names are: a friend's "hey" must not read as a pitch because pitchers in
    the corpus greet more."""
    from pitchcheck.features import analyse, features_of

    def lexemes(text: str) -> list[str]:
        return features_of(next(iter(analyse([text]))).doc).lexemes

    assert lexemes("Hey Sam, hi! Loved the talk. Kind regards, Jo lol") == ["loved", "the", "talk", "kind"]
    assert "hey" not in lexemes("hey hey HEY Hey") and lexemes("hey hey HEY Hey") == []
    assert "talk" in lexemes("Hey, loved the talk")


def test_the_lexical_features_keep_the_word_form():
    """Lower-cased words, not lemmas: "we charged" (a report) and "we charge" (an offer)
    are different n-grams."""
    from pitchcheck.features import analyse, features_of

    past, present = (features_of(next(iter(analyse([t]))).doc).lexemes for t in ("We charged $40.", "We charge $40."))
    assert past == ["we", "charged", "<cur>", "<num>"] and present == ["we", "charge", "<cur>", "<num>"]


def test_train_calibrates_on_the_decisions_its_cross_validation_computed(small: pd.DataFrame) -> None:
    """``train`` reuses its seed's cross-validation folds for the final model's calibration;
    the model is the one a plain fit on the same rows gives."""
    from pitchcheck.training import train

    params = {"C": 0.3, "lexical_weight": 32.0}
    trained = train(small.assign(split="train"), seed=2, param_grid={k: (v,) for k, v in params.items()}, n_jobs=1)
    feats = PitchClassifier()._extract(small.text.tolist())
    plain = PitchClassifier(random_state=2, threshold=trained.threshold, **params)._fit_features(feats, small.label)
    assert np.allclose(trained.calibration_, plain.calibration_, rtol=0, atol=1e-9)
    assert abs(trained.last_part_slope_ - plain.last_part_slope_) <= 1e-9
    texts = pitchcheck.load_corpus("test").text.tolist()[:100]
    assert np.max(np.abs(trained.predict_proba(texts) - plain.predict_proba(texts))) <= 1e-9


def test_gram_counts_of_some_texts_are_the_rows_taken_from_all(small: pd.DataFrame) -> None:
    from pitchcheck._grams import GramCounts

    feats = PitchClassifier()._extract(small.text.tolist())
    assert any(f.last is not None for f in feats) and any(f.last is None for f in feats)
    rows = np.arange(0, len(feats), 3)
    taken = GramCounts.of(feats, (1, 2)).take(rows)
    alone = GramCounts.of([feats[i] for i in rows], (1, 2))
    assert alone.terms == sorted(alone.terms) and len(taken.terms) > len(alone.terms)

    def as_dicts(grams: GramCounts) -> list[dict[str, float]]:
        counts = grams.counts.tocsr()
        return [{grams.terms[j]: v for j, v in zip(counts[r].indices, counts[r].data)} for r in range(counts.shape[0])]

    assert as_dicts(taken) == as_dicts(alone)
    assert np.array_equal(taken.parted, alone.parted)
    assert np.array_equal(taken.parted, [k for k, i in enumerate(rows) if feats[i].last is not None])
