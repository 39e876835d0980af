"""The package's imports go one way: foundation < infrastructure < the stages in their order
< orchestration. Read with ``ast`` (nothing is imported), so a broken order is found even in an
import inside a function or under ``TYPE_CHECKING``."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "summarizer"

FOUNDATION = 0
# Modules by rank; a module may import modules of its own rank or lower, a foundation module
# only foundation modules. ``lang`` stands for the package and every module in it.
RANKS: dict[str, int] = {
    **dict.fromkeys(
        ["errors", "lang", "text", "story", "dates", "entities", "quantities", "statements",
         "cues", "models", "fields", "config", "prompts", "shingles", "read"],
        FOUNDATION,
    ),
    **dict.fromkeys(["store", "local_server", "llm", "embed"], 1),  # infrastructure
    "load": 2, "ingest": 2,
    "extract": 3,
    "ground": 4,
    "group": 5, "triage": 5,
    "diff": 6,
    "evaluate": 7,
    "render": 8,
    "pipeline": 9,
    "digest": 10,
    "cli": 11, "__init__": 11, "__main__": 11,
}  # fmt: skip


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, relative to the package ("lang.ar", "__init__")
    target: str  # the imported module, relative to the package
    names: tuple[str, ...]  # the names taken from it (``from x import a, b``)
    line: int


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def rank(module: str, ranks: dict[str, int]) -> int | None:
    return ranks.get(module, ranks.get(module.split(".")[0]))


def _package_parts(path: Path, root: Path) -> list[str]:
    """The package a module file belongs to, as parts below the root package."""
    return list(path.parent.relative_to(root).parts)


def _is_module(parts: list[str], root: Path) -> bool:
    base = root.joinpath(*parts)
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _relative(parts: list[str]) -> str:
    return ".".join(parts) or "__init__"


def imports(path: Path, root: Path, package: str) -> list[Import]:
    """Every import of ``path`` that reaches a module of the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    me = module_name(path, root)
    found: list[Import] = []
    aliases: dict[str, str] = {}  # local name -> package module, for ``mod._private``
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == package:
                    target = _relative(parts[1:])
                    found.append(Import(me, target, (), node.lineno))
                    if alias.asname:
                        aliases[alias.asname] = target
        elif isinstance(node, ast.ImportFrom):
            module = node.module.split(".") if node.module else []
            if node.level:
                base = _package_parts(path, root)
                parts = base[: len(base) - node.level + 1] + module
            elif module and module[0] == package:
                parts = module[1:]
            else:
                continue  # not the package
            names = tuple(a.name for a in node.names)
            modules = [a for a in node.names if _is_module([*parts, a.name], root)]
            for alias in modules:  # ``from . import group``: the module itself
                target = _relative([*parts, alias.name])
                found.append(Import(me, target, (), node.lineno))
                aliases[alias.asname or alias.name] = target
            rest = tuple(n for n in names if n not in {a.name for a in modules})
            if rest or not modules:
                found.append(Import(me, _relative(parts), rest, node.lineno))
    for node in ast.walk(tree):  # ``group._candidates`` on a module imported whole
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
        ):
            found.append(Import(me, aliases[node.value.id], (node.attr,), node.lineno))
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def violations(root: Path, ranks: dict[str, int] = RANKS) -> list[str]:
    """One line per broken rule, ``module:line: what``; empty when the order holds."""
    package = root.name
    out: list[str] = []
    for path in sorted(root.rglob("*.py")):
        me = module_name(path, root)
        mine = rank(me, ranks)
        if mine is None:
            out.append(f"{me}: has no rank in the layer order (add it to RANKS)")
            continue
        for imp in imports(path, root, package):
            theirs = rank(imp.target, ranks)
            where = f"{me}:{imp.line}"
            if imp.target == me or imp.target.startswith(f"{me}."):
                pass  # a package importing its own modules: same layer
            elif theirs is None:
                out.append(f"{where}: imports {imp.target}, which has no rank")
            elif mine == FOUNDATION and theirs != FOUNDATION:
                out.append(f"{where}: foundation module imports {imp.target} (rank {theirs})")
            elif theirs > mine:
                out.append(f"{where}: imports {imp.target} (rank {theirs}), a later layer than "
                           f"{me} (rank {mine})")  # fmt: skip
            private = [n for n in imp.names if _private(n)]
            if private and imp.target != me:
                out.append(f"{where}: imports private {', '.join(private)} from {imp.target}")
    return out


def test_the_package_imports_only_forward() -> None:
    found = violations(PACKAGE)
    assert not found, f"{len(found)} layer violation(s):\n" + "\n".join(found)


def test_every_ranked_module_exists() -> None:
    """A name in RANKS that is no module of the package is a stale rule."""
    modules = {module_name(p, PACKAGE).split(".")[0] for p in PACKAGE.rglob("*.py")}
    assert set(RANKS) - modules - {"__init__"} == set()


# -- the checker finds what it should, on a made-up package ----------------------------------


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root


TOY_RANKS = {"__init__": 3, "base": 0, "lang": 0, "infra": 1, "early": 2, "late": 3}


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"early.py": "from .late import run\n"}, "early:1: imports late (rank 3)"),
        ({"early.py": "def f():\n    from pkg.late import run\n"}, "early:2: imports late"),
        ({"base.py": "from . import infra\n"}, "base:1: foundation module imports infra"),
        ({"late.py": "from .early import _helper\n"}, "late:1: imports private _helper from early"),
        ({"late.py": "from . import early\nx = early._helper\n"}, "late:2: imports private"),
        ({"late.py": "import pkg.early as e\nx = e._helper\n"}, "late:2: imports private _helper"),
        ({"lang/fr.py": "from ..infra import Store\n"}, "lang.fr:1: foundation module imports"),
        ({"extra.py": "x = 1\n"}, "extra: has no rank"),
        ({"lang/__init__.py": "from .fr import _table\n", "lang/fr.py": "_table = 1\n"},
         "lang:1: imports private _table from lang.fr"),
        ({"early.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
          "    from .late import T\n"}, "early:3: imports late"),
    ],
)  # fmt: skip
def test_the_checker_reports_a_broken_order(
    tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    base = {name: "" for name in ("__init__.py", "base.py", "infra.py", "early.py", "late.py")}
    base["lang/__init__.py"] = ""
    root = _package(tmp_path, {**base, **files})
    found = violations(root, TOY_RANKS)
    assert any(line.startswith(expected) for line in found), found


def test_the_checker_accepts_a_forward_order(tmp_path: Path) -> None:
    root = _package(tmp_path, {
        "__init__.py": "from .late import run\nfrom . import late\n",
        "base.py": "from .lang import pack\nfrom .lang.fr import words\n",
        "lang/__init__.py": "from . import fr\nfrom .fr import words\n",
        "lang/fr.py": "from ..base import thing\nwords = 1\n",
        "infra.py": "import json\nfrom .base import thing\n",
        "early.py": "from .infra import Store\nfrom .early import me\n",
        "late.py": "from .early import run\nfrom pkg import base\nx = base.__name__\n",
    })  # fmt: skip
    assert violations(root, TOY_RANKS) == []
