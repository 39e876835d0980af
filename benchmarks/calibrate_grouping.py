"""Fit the fast path's logistic weights (``summarizer.triage.WEIGHTS`` and ``CROSS_WEIGHTS``).

    python benchmarks/calibrate_grouping.py [--shared ../shared]

Pairs in one language: ECB+ topics 1-35 (the pairs whose words overlap at all: the decisions
that matter; the rest are easy) and the dev set's pairs in one language. Pairs in two
languages: the dev set's (ECB+ is English only). Embeddings are cached in the default store.
Prints the weights to paste into ``summarizer/triage.py``, and leave-one-topic-out scores of
the same-language model so the in-sample numbers are not the only ones.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from summarizer.config import Settings
from summarizer.embed import default_embedder, embed_texts
from summarizer.load import load_file
from summarizer.store import Store
from summarizer.triage import Batch, profile

HERE = Path(__file__).resolve().parents[1]
SAME_LANGUAGE = ("words", "pairs", "names", "meaning", "lead", "numbers", "year_gap",
                 "weekday_same", "weekday_differ")  # fmt: skip
CROSS_LANGUAGE = ("meaning", "numbers", "weekday_same", "weekday_differ")
HARD = 0.05  # ECB+ pairs whose words overlap at least this much (the rest are easy)
RIDGE = 0.01  # a weak L2 penalty keeps the fit stable with collinear similarities


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Logistic regression by Newton's method; the last column of ``x`` is the bias."""
    w = np.zeros(x.shape[1])
    penalty = RIDGE * np.eye(x.shape[1])
    penalty[-1, -1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + penalty @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def pairs_of(shared: Path, name: str, store: Store) -> dict[str, np.ndarray]:
    folder = shared / name
    if name == "ecbplus":
        groups = json.loads((folder / "groups.json").read_text())
    else:
        groups = json.loads((folder / "gold.json").read_text())["groups"]
    group_of = {a: k for k, g in enumerate(groups) for a in g}
    articles = [load_file(p) for p in sorted((folder / "articles").glob("*.txt"))]
    profiles = [profile(a.id, a.text, a.language, a.page_date_iso) for a in articles]
    vectors = embed_texts([p.lead for p in profiles], default_embedder(), store)
    batch = Batch(profiles, vectors)
    idx = np.arange(len(articles))
    sig = batch.signals(idx, idx)
    upper = np.triu_indices(len(articles), 1)
    label = np.array([group_of[a.id] for a in articles])
    topic = np.array([a.id.split("_")[0] for a in articles])
    out = {k: np.asarray(v)[upper] for k, v in sig.items()}
    out["same"] = (label[:, None] == label[None, :])[upper]
    out["topic"] = np.array([f"{name}:{t}" for t in topic])[upper[0]]
    return out


def design(data: dict[str, np.ndarray], keys: tuple[str, ...], mask: np.ndarray) -> np.ndarray:
    return np.stack([data[k][mask] for k in keys] + [np.ones(mask.sum())], axis=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent / "shared")
    args = parser.parse_args(argv)
    store = Store(Settings.load().db_path)
    ecb = pairs_of(args.shared, "ecbplus", store)
    dev = pairs_of(args.shared, "devset", store)
    store.close()
    data = {k: np.concatenate([ecb[k], dev[k]]) for k in ecb}
    hard = data["same_language"] & (
        (data["words"] > HARD) | np.char.startswith(data["topic"], "devset")
    )
    w = fit(design(data, SAME_LANGUAGE, hard), data["same"][hard].astype(float))
    cross = ~dev["same_language"]
    wx = fit(design(dev, CROSS_LANGUAGE, cross), dev["same"][cross].astype(float))
    print(
        "WEIGHTS =",
        {k: round(float(v), 2) for k, v in zip((*SAME_LANGUAGE, "bias"), w, strict=True)},
    )
    print(
        "CROSS_WEIGHTS =",
        {k: round(float(v), 2) for k, v in zip((*CROSS_LANGUAGE, "bias"), wx, strict=True)},
    )
    print(f"pairs: {hard.sum()} in one language, {cross.sum()} across languages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
