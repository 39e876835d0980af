"""Prompt templates: Jinja files in ``prompts/`` with strict undefined variables and a version.

Each template starts with ``{#- prompt_version: NAME -#}``. The version is part of every cache
key, so editing a template and bumping its version recomputes results made with the old one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .lang import pack_for
from .story import prompt_text

_VERSION = re.compile(r"\{#-?\s*prompt_version:\s*(?P<v>[\w.\-]+)\s*-?#\}")


def prompts_dir() -> Path:
    """``summarizer/prompts`` in an installed wheel, else the checkout's top-level ``prompts/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "prompts", here.parent / "prompts"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("prompt templates not found next to the package")


@dataclass(frozen=True)
class Template:
    name: str
    version: str
    _env: Environment

    def render(self, **variables: Any) -> str:
        return self._env.get_template(self.name).render(**variables).strip()


@cache
def _env(directory: Path) -> Environment:
    return Environment(
        loader=FileSystemLoader(directory),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )


def load_template(name: str, directory: Path | None = None) -> Template:
    directory = directory or prompts_dir()
    source = (directory / name).read_text(encoding="utf-8")
    m = _VERSION.search(source)
    if not m:
        raise ValueError(f"{directory / name}: first line must be {{#- prompt_version: NAME -#}}")
    return Template(name, m.group("v"), _env(directory))


# Worked examples, one per language (``prompts/examples/LANG.txt`` and ``LANG.json``): a made-up
# article on another subject and the answer it should get. Bump when editing an example.
EXAMPLES_VERSION = "examples-6"
EXAMPLE_FALLBACK = "en"


@cache
def load_example(language: str, directory: Path | None = None) -> tuple[str, str]:
    """(cleaned article text, compact JSON answer) of the example for ``language``."""
    folder = (directory or prompts_dir()) / "examples"
    language = pack_for(language).example  # a language without a pack: the generic example
    if not (folder / f"{language}.txt").is_file():
        language = EXAMPLE_FALLBACK
    text, _ = prompt_text((folder / f"{language}.txt").read_text(encoding="utf-8"), 0)
    answer = json.loads((folder / f"{language}.json").read_text(encoding="utf-8"))
    return text, json.dumps(answer, ensure_ascii=False, separators=(",", ":"))
