"""Independent sources: never more than the outlets, and copying never adds one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storylens.compare.sources import Witness, independent_count

SENTENCES = [
    "Storms flooded the port of Saltmere on Friday.",
    "The harbour master said the port of Saltmere flooded on Friday.",
    "Ferries to Saltmere were cancelled until Monday.",
]
witnesses = st.lists(
    st.builds(
        Witness,
        article=st.sampled_from(["a", "b", "c", "d"]),
        outlet=st.sampled_from(["Sea Post", "Port Daily", "unknown outlet (d)"]),
        text=st.sampled_from(SENTENCES),
    ),
    min_size=1,
    max_size=8,
)


@given(witnesses)
def test_independent_sources_never_exceed_the_outlets(found: list[Witness]) -> None:
    count, outlets = independent_count(found, {}, 0.6)
    assert 1 <= count <= len(outlets)
    assert outlets == sorted({w.outlet for w in found})


@given(witnesses, st.sampled_from(SENTENCES))
def test_a_verbatim_copy_never_adds_a_source(found: list[Witness], text: str) -> None:
    original = Witness("y", "Wire Service", text)
    copy = Witness("z", "Copy Times", text)
    with_original, _ = independent_count([*found, original], {}, 0.6)
    with_copy, _ = independent_count([*found, original, copy], {}, 0.6)
    assert with_copy == with_original
