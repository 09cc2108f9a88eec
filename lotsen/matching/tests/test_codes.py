import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotsen.matching.codes import (
    CodeTable,
    Hierarchy,
    best_of_codes,
    best_similarity,
    closeness_to_codes,
    code_closeness,
    sni_2007,
    ssyk_2012,
)

SNI_SAMPLE = ["A", "01", "011", "0111", "01110", "02", "G", "47", "4711", "47111", "I", "56"]
SNI_SAMPLE += ["561", "5610", "56100", "562", "5621", "88", "XYZ"]
SSYK_SAMPLE = ["5", "51", "512", "5120", "513", "5131", "9", "91", "911", "9111", "7"]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("5610", "5610", 1.0),
        ("5610", "56100", 1.0),  # a class and its own subclass
        ("56", "56100", 1.0),  # an interest in the division is met by any of its codes
        ("I", "56", 1.0),  # the lettered section is the top of the path
        ("5610", "5621", 0.5),  # I, 56 shared of four levels
        ("0111", "01110", 1.0),
        ("0111", "0112", 0.75),  # A, 01, 011 shared of four
        ("01", "02", 0.5),  # siblings under section A
        ("56", "4711", 0.0),  # different sections
    ],
)
def test_it_scores_sni_codes_by_the_share_of_the_path_they_have_in_common(a, b, expected):
    assert sni_2007().similarity(a, b) == pytest.approx(expected)
    assert sni_2007().similarity(b, a) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("5120", "5120", 1.0),
        ("5120", "5131", 0.5),  # cooks and waiters share 5 and 51
        ("51", "5131", 1.0),
        ("5120", "9111", 0.0),
    ],
)
def test_it_scores_ssyk_codes_the_same_way(a, b, expected):
    assert ssyk_2012().similarity(a, b) == pytest.approx(expected)


def test_an_unknown_code_only_matches_itself():
    assert sni_2007().similarity("XYZ", "XYZ") == 1.0
    assert sni_2007().similarity("XYZ", "56") == 0.0


def test_the_best_pair_names_the_codes_that_matched():
    value, own, theirs = sni_2007().best_pair(["47", "5610"], ["5621", "56100"])
    assert (value, own, theirs) == (1.0, "5610", "56100")
    assert sni_2007().best_pair([], ["56"]) == (0.0, "", "")


def test_a_hierarchy_can_come_from_any_parent_map():
    tree = Hierarchy({"a": "", "a1": "a", "a2": "a", "a11": "a1"})
    assert tree.path("a11") == ("a", "a1", "a11")
    assert tree.similarity("a11", "a2") == pytest.approx(0.5)


def test_tables_without_codes_give_zero():
    empty = CodeTable(sni_2007(), [[], []])
    some = CodeTable(sni_2007(), [["56"]])
    assert not empty.has_codes.any()
    result = best_similarity(empty, np.array([0, 1]), some, np.array([0, 0]))
    assert result.tolist() == [0.0, 0.0]


code_lists = st.lists(st.sampled_from(SNI_SAMPLE), max_size=3)


@settings(max_examples=60, deadline=None)
@given(
    left=st.lists(code_lists, min_size=1, max_size=4),
    right=st.lists(code_lists, min_size=1, max_size=4),
)
def test_the_vectorised_table_agrees_with_the_pairwise_definition(left, right):
    hierarchy = sni_2007()
    left_table, right_table = CodeTable(hierarchy, left), CodeTable(hierarchy, right)
    table = best_similarity(
        left_table, np.arange(len(left))[:, None], right_table, np.arange(len(right))[None, :]
    )
    for i, codes_a in enumerate(left):
        for j, codes_b in enumerate(right):
            assert table[i, j] == pytest.approx(hierarchy.best_pair(codes_a, codes_b)[0])


@settings(max_examples=60, deadline=None)
@given(
    left=st.lists(code_lists, min_size=1, max_size=4),
    right=st.lists(code_lists, min_size=1, max_size=4),
)
def test_closeness_looked_up_per_code_equals_the_table(left, right):
    hierarchy = sni_2007()
    left_table, right_table = CodeTable(hierarchy, left), CodeTable(hierarchy, right)
    rows, columns = np.divmod(np.arange(len(left) * len(right)), len(right))
    per_code = closeness_to_codes(code_closeness(left_table, right_table), left_table, rows)
    looked_up = best_of_codes(per_code, np.arange(len(rows)), right_table, columns)
    assert np.array_equal(looked_up, best_similarity(left_table, rows, right_table, columns))
