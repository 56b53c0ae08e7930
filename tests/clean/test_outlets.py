"""The outlet registry: user-editable, loaded once, and never a source of guesses."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.clean.outlets import load_registry, url_host
from storylens.clean.stage import registry_for
from storylens.errors import UsageError
from storylens.pipeline import Context
from storylens.settings import Settings


def test_the_bundled_registry_knows_the_wires_the_seeds_and_the_sample_world() -> None:
    reg = load_registry()
    names = {o.name for o in reg.outlets}
    assert {"Mehr News Agency", "Press TV", "Middle East Monitor", "Reuters"} <= names
    assert {"Harbor Wire", "Valdoria State News Agency", "Pulse24 Now"} <= names
    pulse = next(o for o in reg.outlets if o.name == "Pulse24 Now")
    assert pulse.kind == "content-farm"
    vsna = next(o for o in reg.outlets if o.name == "Valdoria State News Agency")
    assert vsna.ownership == "state-affiliated"


def test_a_subdomain_matches_its_outlets_domain() -> None:
    reg = load_registry()
    found = reg.by_url("https://en.mehrnews.com/news/1/x")
    assert found is not None
    assert found[0].name == "Mehr News Agency"
    assert found[1] == "mehrnews.com"
    assert reg.by_url("https://notmehrnews.com/x") is None
    assert url_host("www.HarborWire.example/a") == "harborwire.example"


def test_signatures_slogans_and_site_names_lead_to_their_outlet() -> None:
    reg = load_registry()
    sig = reg.signature("... the minister said.\nHW/40218")
    assert sig is not None
    assert (sig[0].name, sig[1]) == ("Harbor Wire", "HW/40218")
    slogan = reg.slogan("  independent   since 1921 ")
    assert slogan is not None
    assert slogan.name == "The Meridian Post"
    named = reg.name("presstv")
    assert named is not None
    assert named.name == "Press TV"


def test_a_user_registry_named_in_settings_replaces_the_bundled_one(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[outlet]]\nname = "Brannock Evening Star"\ndomains = ["eveningstar.example"]\n'
        "signatures = ['BES-\\d+']\n",
        encoding="utf-8",
    )
    ctx = Context(settings=Settings(outlet_registry=str(path)))
    reg = registry_for(ctx)
    assert [o.name for o in reg.outlets] == ["Brannock Evening Star"]
    assert registry_for(ctx) is reg  # parsed once per process


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[outlet]\nname = 1", "not valid TOML"),
        ('[[outlet]]\nname = "X"\nhomepage = "x"\n', r"unknown keys \['homepage'\]"),
        ('[[outlet]]\ndomains = ["x.example"]\n', "has no name"),
        ("[[outlet]]\nname = \"X\"\nsignatures = ['(unclosed']\n", "not a valid regular"),
    ],
)
def test_a_broken_registry_is_reported_with_the_file_and_the_fix(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message) as info:
        load_registry(path)
    assert str(path) in str(info.value)


def test_a_missing_registry_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read the outlet registry"):
        load_registry(tmp_path / "nope.toml")
