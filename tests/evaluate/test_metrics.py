"""Each clustering score matches the value worked out by hand for one small case.

Gold: {a, b, c} {d, e}. Response: {a, b} {c, d, e} (c is put with the wrong event).
"""

import pytest

from storylens.evaluate.metrics import (
    adjusted_rand,
    bcubed,
    ceafe,
    groups,
    muc,
    score,
    score_clusters,
)

GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
KEY, RESP = groups(GOLD), groups(RESPONSE)


def test_bcubed_averages_per_article_precision_and_recall():
    # precision 1, 1, 1/3, 2/3, 2/3; recall 2/3, 2/3, 1/3, 1, 1 -> both 11/15
    prf = bcubed(KEY, RESP)
    assert prf.precision == pytest.approx(11 / 15)
    assert prf.recall == pytest.approx(11 / 15)
    assert prf.f1 == pytest.approx(11 / 15)


def test_muc_counts_the_links_kept_and_the_links_right():
    # recall: (3-2 + 2-1) / (2 + 1); precision: (2-1 + 3-2) / (1 + 2)
    prf = muc(KEY, RESP)
    assert prf.recall == pytest.approx(2 / 3)
    assert prf.precision == pytest.approx(2 / 3)


def test_ceafe_aligns_whole_clusters_one_to_one():
    # phi4({a,b,c},{a,b}) = 4/5, phi4({d,e},{c,d,e}) = 4/5; 1.6 over 2 clusters each side
    prf = ceafe(KEY, RESP)
    assert prf.precision == pytest.approx(0.8)
    assert prf.recall == pytest.approx(0.8)


def test_adjusted_rand_corrects_pair_agreement_for_chance():
    # agreeing pairs 2, gold pairs 4, response pairs 4, all pairs 10: (2-1.6)/(4-1.6)
    assert adjusted_rand(KEY, RESP) == pytest.approx(1 / 6)


def test_conll_is_the_mean_of_bcubed_muc_and_ceafe_f1():
    s = score(GOLD, RESPONSE)
    assert s.conll_f1 == pytest.approx((11 / 15 + 2 / 3 + 0.8) / 3)
    assert (s.n_items, s.n_gold, s.n_response) == (5, 2, 2)


def test_a_perfect_clustering_scores_one_everywhere():
    s = score(GOLD, {k: f"e{v}" for k, v in GOLD.items()})
    assert s.bcubed.f1 == s.muc.f1 == s.ceafe.f1 == s.conll_f1 == pytest.approx(1.0)
    assert s.ari == pytest.approx(1.0)


def test_all_singletons_keep_bcubed_precision_but_lose_every_link():
    s = score_clusters({"a": 1, "b": 1, "c": 1, "d": 1}, [["a"], ["b"], ["c"], ["d"]])
    assert s.bcubed.precision == pytest.approx(1.0)
    assert s.bcubed.recall == pytest.approx(1 / 4)
    assert s.muc.f1 == 0.0
    assert s.ceafe.recall == pytest.approx(2 * 1 / 5)  # one singleton aligned to the gold


def test_gold_articles_missing_from_the_response_count_as_singletons():
    s = score(GOLD, {"a": "x", "b": "x"})
    assert s.n_response == 4  # {a, b} {c} {d} {e}
    assert s.bcubed.precision == pytest.approx(1.0)
