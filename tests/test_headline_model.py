"""The learned headline line scorer (cleaner/headline_model.py, rules/data/headline_model.toml,
benchmarks/train_headline.py): its features, the shipped model, and the training's reproducibility."""

import sys
from pathlib import Path

import pytest

from cleaner import headline_model as HM
from cleaner.metadata import _headline_index

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import train_headline as T  # noqa: E402

from .conftest import BRIDGE_BODY as BODY, BRIDGE_MORE as MORE, NO_RULE_TITLE  # noqa: E402



def _page(lines: list[str]) -> tuple[list[str], dict[int, list[float]], dict[int, float]]:
    ex: list = []
    _headline_index(lines, explain=ex)
    return lines, HM.features(lines, None, ex), HM.probabilities(lines, None, ex)


def _named(x: list[float]) -> dict[str, float]:
    assert len(x) == len(HM.FEATURES)
    return dict(zip(HM.FEATURES, x))


def test_features_read_line_shapes_and_the_lead():
    lines = ["Home", "News", "World", "Director: Jane Doe", "Bridge reopens after two years of council repairs",
             "By Jane Sample", "4 March 2025, 09:30", BODY, MORE, "Cars cross the river again [AFP]", MORE]
    _, feats, _ = _page(lines)
    head = _named(feats[4])
    assert head["before_body"] == 1.0 and head["body_gap"] > 0  # above the first long paragraph
    assert head["lead_overlap"] > 0.5  # "bridge", "reopens"? the lead repeats most of its words
    assert head["short"] == 0.0 and head["label_colon"] == 0.0 and head["bracket_end"] == 0.0
    assert head["byline_after_close"] == 1.0  # the rule scorer's "byline right under it", as closeness
    if 3 in feats:
        assert _named(feats[3])["label_colon"] == 1.0  # "Director: Jane Doe": a credit's shape
    if 9 in feats:
        assert _named(feats[9])["bracket_end"] == 1.0 and _named(feats[9])["before_body"] == 0.0


def test_features_of_a_page_without_candidates_are_empty():
    assert HM.features([BODY], None, []) == {}
    assert HM.pick([BODY], None, [], None) is None


def test_the_shipped_model_ranks_the_headline_over_teasers_and_menu_rows():
    lines = ["Home", "News", "World", "Sport", "Most read: Train strike called off at the last minute",
             "Weather warning for the weekend as the storm moves north", "Bridge reopens after two years of repairs",
             "By Jane Sample", "4 March 2025, 09:30", BODY, MORE, "Related: More news from the city", MORE]
    _, _, probs = _page(lines)
    assert max(probs, key=probs.get) == 6
    assert probs[6] >= HM.load().fallback
    assert all(probs[i] < probs[6] for i in probs if i != 6)




def test_the_model_gives_a_title_where_the_rules_give_none_when_asked():
    """Options.guess_titles (opt-in): the model's line is the title and fields_from names it
    ("HD002:model:<line>")."""
    from cleaner import Options, clean, load_rules

    lines = [x for x in NO_RULE_TITLE.split("\n") if x]
    ok: list[bool] = []
    _headline_index(lines, confirmed=ok)
    assert not ok or not ok[0]  # the rules alone: no confirmed title
    meta = clean(NO_RULE_TITLE, Options(load_rules(), guess_titles=True)).metadata
    assert meta["title"] == "Bridge reopens after two years of council repairs"
    assert meta["fields_from"]["title"] == "HD002:model:6"


def test_by_default_the_model_is_not_asked_and_the_title_stays_null(monkeypatch):
    """The default (guess_titles False): about 2 in 3 of the model's titles are right, too few for
    a field that is null rather than guessed; the page the model would fill keeps a null title,
    and the model is neither loaded nor run."""
    from cleaner import Options, clean, load_rules

    def refuse(*args, **kwargs):
        raise AssertionError("the learned scorer was asked with guess_titles off")

    monkeypatch.setattr(HM, "pick", refuse)
    monkeypatch.setattr(HM, "load", refuse)
    for opts in (None, Options(load_rules())):
        meta = clean(NO_RULE_TITLE, opts).metadata
        assert meta["title"] is None
        assert "title" not in meta["fields_from"]


def test_the_arbiter_is_off_in_the_shipped_model():
    """Tried on write-a -> write-b and back: it changed no title for the better (docs/metadata.md)."""
    assert HM.load().arbiter > 1.0
    assert HM.pick(["a b c"], None, [(0, 5.0, {})], 0) is None  # a rule title stands, nothing computed


def test_a_model_file_with_other_features_is_refused():
    good = {"model": {"features": list(HM.FEATURES), "means": [0.0] * len(HM.FEATURES),
                      "scales": [1.0] * len(HM.FEATURES), "weights": [0.0] * len(HM.FEATURES), "bias": 0.0},
            "thresholds": {"fallback": 0.5, "arbiter": 2.0, "margin": 0.3}}
    assert HM.parse(good).fallback == 0.5
    bad = {**good, "model": {**good["model"], "features": ["words"]}}
    with pytest.raises(HM.ModelError, match="retrain"):
        HM.parse(bad)
    with pytest.raises(HM.ModelError, match="missing key"):
        HM.parse({"model": good["model"]})


def _synthetic() -> tuple[list[list[float]], list[int]]:
    """A tiny made-up training set: the headline rows have a higher first and a lower second feature."""
    d = len(HM.FEATURES)
    xs, ys = [], []
    for k in range(12):
        for j in range(4):
            x = [((k * 7 + j * 3 + m) % 5) / 5.0 for m in range(d)]
            x[0] += 2.0 if j == 0 else 0.0
            x[1] -= 1.0 if j == 0 else 0.0
            xs.append(x)
            ys.append(int(j == 0))
    return xs, ys


def test_training_reproduces_its_weights_exactly(tmp_path):
    xs, ys = _synthetic()
    a = T.model_of(T.fit(xs, ys, 1.0), 0.5, 2.0, 0.3)
    b = T.model_of(T.fit(xs, ys, 1.0), 0.5, 2.0, 0.3)
    assert a == b  # deterministic: the same rows give the same rounded weights
    assert a.weights[0] > 0 > a.weights[1]  # it learned the separating features
    text = T.render(a, {"command": "test", "rows": len(ys)})
    out = tmp_path / "headline_model.toml"
    out.write_text(text, encoding="utf-8")
    from cleaner.ruleset import read_toml

    assert HM.parse(read_toml(out), out) == a  # the file round-trips to the same model
    assert T.render(T.model_of(T.fit(xs, ys, 1.0), 0.5, 2.0, 0.3), {"command": "test", "rows": len(ys)}) == text
    assert sum(1 for x, y in zip(xs, ys) if (a.probability(x) >= 0.5) == bool(y)) >= 0.9 * len(ys)


def test_the_shipped_file_matches_the_code():
    m = HM.load()
    assert m.names == HM.FEATURES and len(m.weights) == len(HM.FEATURES)
    assert 0.0 < m.fallback <= 1.0
