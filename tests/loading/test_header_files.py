"""Each header file (edition.toml, extension.toml) is parsed once: listing, then loading."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import tomli

from inspectcore import Registry

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "plugin" / "src"
EDITION_TOML = EXAMPLE / "inspectcore_example" / "data" / "edition.toml"
EXTENSION_TOML = EXAMPLE / "inspectcore_example" / "cymru" / "extension.toml"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each of the two header files' texts is parsed, from now on."""
    texts = {
        EDITION_TOML.read_text(encoding="utf-8"): "edition",
        EXTENSION_TOML.read_text(encoding="utf-8"): "extension",
    }
    counts: Counter[str] = Counter()
    real = tomli.loads

    def counting(text: str, **kwargs: Any) -> dict[str, Any]:
        if text in texts:
            counts[texts[text]] += 1
        return real(text, **kwargs)

    monkeypatch.setattr(tomli, "loads", counting)
    return counts


def test_listing_then_loading_parses_each_header_once(parses: Counter[str]) -> None:
    registry = Registry.discover()
    assert "example" in [e.id for e in registry.editions()]
    assert "example-cymru" in [e.id for e in registry.extensions()]
    assert parses == {"edition": 1, "extension": 1}
    edition = registry.load_edition("example", ["example-cymru"])
    assert [e.id for e in edition.extensions] == ["example-cymru"]
    registry.load_edition("example")  # another load of the edition, without the extension
    assert parses == {"edition": 1, "extension": 1}


def test_loading_without_listing_parses_each_header_once(parses: Counter[str]) -> None:
    from inspectcore._loading.load import apply_extension, load_edition_folder
    from inspectcore._util.resources import DataFolder

    loaded = load_edition_folder(DataFolder.at(EDITION_TOML.parent))
    apply_extension(loaded, DataFolder.at(EXTENSION_TOML.parent))
    assert parses == {"edition": 1, "extension": 1}
