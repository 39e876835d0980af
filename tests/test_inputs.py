"""Every input accounted for, end to end: ``summarizer run`` (the CLI, in a subprocess, on the
fake server) over a folder of bad inputs and a few good ones prints one line per input that
is not read, reads the rest (legacy encodings included), and exits 1 without a traceback."""

from __future__ import annotations

import codecs
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import SEED_000, seed_text
from fake_openai import FakeOpenAI

from summarizer import Settings, Status, extract
from summarizer.load import MAX_BYTES, SUFFIXES

KINDS = " ".join(SUFFIXES)
FRENCH = (
    "La mairie a annoncé jeudi une hausse de 12 € du tarif de la cantine. « C’est une décision "
    "difficile », a reconnu l’adjointe chargée de l’éducation."
)
RUSSIAN = (
    "Министр обороны России провёл во вторник телефонный разговор со своим американским "
    "коллегой. Стороны обсудили ситуацию на Украине и вопросы безопасности."
)


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Twelve inputs that cannot be read, in ``folder``: each one's path and its line."""
    folder.mkdir()
    rng = random.Random(14)
    (folder / "a-noise.txt").write_bytes(bytes(rng.randrange(1, 256) for _ in range(4000)))
    (folder / "b-nul.txt").write_bytes(b"text\x00\x00\x01binary")
    (folder / "c-empty.txt").write_bytes(b"")
    with open(folder / "d-huge.txt", "wb") as f:
        f.truncate(20 * 1024 * 1024)  # 20 MB
    (folder / "e-loop").symlink_to(folder)
    (folder / "f-self.txt").symlink_to(folder / "f-self.txt")
    (folder / "g-dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "h-photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / "i-invalid.json").write_text('{"text": "unfinished', encoding="utf-8")
    (folder / "j-lines.jsonl").write_text(
        json.dumps({"id": "wire-1", "text": RUSSIAN}, ensure_ascii=False) + "\n{broken\n",
        encoding="utf-8",
    )
    os.mkfifo(folder / "k-pipe.txt")  # cannot be opened without blocking (and root reads all)
    (folder / "l-utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "texte".encode("utf-16-le")
                                         + b"\x00\xd8")  # fmt: skip
    return {
        "a-noise.txt": "not text: not UTF-8 (invalid byte at 1) and no other encoding explains it",
        "b-nul.txt": "binary file (contains NUL bytes), not text",
        "c-empty.txt": "empty file",
        "d-huge.txt": f"20,971,520 bytes is over the {MAX_BYTES:,}-byte limit",
        "e-loop": f"symbolic link loop (back to {folder})",
        "f-self.txt": "symbolic link loop (the link points back to itself)",
        "g-dangling.txt": f"broken symbolic link (to {folder / 'gone.txt'}, which does not exist)",
        "i-invalid.json": "not JSON: Unterminated string starting at at line 1",
        "j-lines.jsonl:2": "not JSON: Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1)",
        "k-pipe.txt": "not a regular file (a FIFO)",
        "l-utf16.txt": "invalid utf-16-le text at byte 12",
        "": f"1 file of other kinds skipped (1 .jpg); article files are {KINDS}",  # the folder
    }


def test_twelve_bad_inputs_and_a_seed_one_line_each_seed_ok_exit_1(
    fake: FakeOpenAI, echo_cli: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "inputs"
    expected = _bad_inputs(folder)
    # what loads: the seed, a record with a path for an id, legacy encodings, a JSONL line
    (folder / "seed.txt").write_text(seed_text(), encoding="utf-8")
    (folder / "m-path-id.json").write_text(
        json.dumps({"id": "../../etc/passwd", "text": FRENCH}, ensure_ascii=False),
        encoding="utf-8",
    )
    (folder / "n-french.txt").write_bytes(FRENCH.encode("cp1252"))
    (folder / "o-russian.txt").write_bytes(RUSSIAN.encode("koi8-r"))
    empty = tmp_path / "empty"
    empty.mkdir()
    expected_lines = sorted(
        [f"summarizer: {folder / name if name else folder}: {reason}"
         for name, reason in expected.items()]
        + [f"summarizer: {empty}: no article files ({KINDS}) in folder"]
    )  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "run", str(folder), str(empty), "--json", *echo_cli],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "300"},
    )  # fmt: skip
    assert "Traceback" not in done.stdout + done.stderr
    assert sorted(done.stderr.splitlines()) == expected_lines  # one line per bad input
    assert done.returncode == 1
    articles = {a["source"]["id"]: a for a in json.loads(done.stdout)["articles"]}
    read = {i: a["status"] for i, a in articles.items() if a["status"] == Status.OK.value}
    assert read == {"seed": "ok", "etc_passwd": "ok", "n-french": "ok", "o-russian": "ok",
                    "wire-1": "ok"}  # fmt: skip
    assert len(articles) == len(read) + len(expected) + 1  # every input accounted for
    assert articles["etc_passwd"]["notes"][0].startswith("id '../../etc/passwd' is not a safe")
    encodings = {i: articles[i]["source"]["encoding"] for i in ("seed", "n-french", "o-russian")}
    assert encodings == {"seed": "utf-8", "n-french": "cp1252", "o-russian": "koi8-r"}


def test_a_sanitised_id_is_noted_on_the_summary(
    fake: FakeOpenAI, settings: Settings, tmp_path: Path
) -> None:
    from conftest import echo_reply

    fake.default = echo_reply
    path = tmp_path / "records.jsonl"
    lines = [{"id": "../x", "text": FRENCH}, {"id": "../x", "text": SEED_000.read_text()}]
    path.write_text("\n".join(json.dumps(r) for r in lines), encoding="utf-8")
    summaries = extract([path], settings=settings)
    assert [(s.source.id, s.status) for s in summaries] == [("x", Status.OK), ("x-2", Status.OK)]
    notes: list[Any] = [s.notes[0] for s in summaries]
    assert notes[0].endswith("read as 'x'") and notes[1].endswith("read as 'x-2'")
