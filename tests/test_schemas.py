"""The committed JSON Schema files in schemas/ are what the models produce now."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from summarizer.models import SCHEMA_FILES, render_schema

SCHEMAS = ROOT / "schemas"


def test_no_stale_or_missing_schema_files() -> None:
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(SCHEMA_FILES)


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_committed_schema_is_current(name: str) -> None:
    committed = (SCHEMAS / name).read_text(encoding="utf-8")
    assert committed == render_schema(SCHEMA_FILES[name]), (
        f"schemas/{name} is out of date: run `python -m summarizer schemas --out schemas`"
    )


def test_schemas_are_valid_json_schema() -> None:
    import jsonschema

    for name in SCHEMA_FILES:
        schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
