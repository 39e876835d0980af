"""Fast path of the group stage: which articles report the same event, from their text alone.

No language model is needed: a night's feed can be grouped in seconds before any model time is
spent, and ``run``/``digest`` start from these groups (the model's fields then refine them, see
``summarizer.group``).

What is read from each article (``Profile``):

- its words: content words (every pack's stopwords out, attached particles stripped), numbers
  kept, and pairs of neighbouring words, weighted TF-IDF over the batch;
- its names: capitalised words that do not start a sentence, in scripts that have case;
- its lead (title and first sentences): the TF-IDF of its words, and a multilingual sentence
  embedding (``summarizer.embed``), the only signal that crosses languages;
- the event date: the first date, weekday or relative day ("yesterday") in the lead, resolved
  against the article's own date (``published``, a page-date line or a dateline);
- the latest year the article writes.

One decision per pair (``Batch.scores``): the log-odds that two articles report the same event,
from a logistic model over those similarities. Its weights were fitted on the pairs of ECB+
(topics 1-35) that share words (``benchmarks/calibrate_grouping.py`` refits them); a pair in two
languages has only the embedding, and has its own weights. The date found in the lead is shown,
not used: it is mostly the day of publication, and follow-up reports come days or months later
(on ECB+, 138 pairs of one event are more than a month apart by their lead dates, and no pair of
look-alike events is). The event's own date, from the model, is a hard constraint in
``summarizer.group``.

Clustering (``cluster_batch``): average link on the log-odds, merging while the average is at
least ``MERGE_AT`` (0 is probability one half), never across a hard constraint (complete
linkage: one article cannot chain two events together); then a group of at most
``SMALL_GROUP`` articles (a short wire item, a stub) joins the group it is closest to at the
lower bar ``ATTACH_AT``, as it carries less evidence of its own.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

import numpy as np
from scipy import sparse

from .dates import Anchor, ResolvedWhen, parse_iso_date, times_apart
from .embed import Embedder, default_embedder, embed_texts
from .load import Article
from .read.when import text_event_time
from .shingles import components, copy_groups, near_duplicates
from .store import Store
from .story import body_lines, without_instructions
from .text import LINKS, content_words, normalize, stopwords

LEAD_CHARS = 300  # what is embedded: the title and lead (cost grows with every token)

# Logistic weights (see the module docstring); refit with benchmarks/calibrate_grouping.py.
WEIGHTS = {
    "words": -8.3,
    "pairs": 24.86,
    "names": 5.98,
    "meaning": 22.26,
    "lead": 0.86,
    "numbers": 3.09,
    "year_gap": -0.37,
    "weekday_same": 0.47,
    "weekday_differ": -0.61,
    "bias": -23.49,
}
# Across languages only the embedding, the numbers and the weekday speak (fitted on the dev
# set's pairs in two languages: ECB+ is English only).
CROSS_WEIGHTS = {
    "meaning": 57.81,
    "numbers": 4.81,
    "weekday_same": 0.84,
    "weekday_differ": -0.73,
    "bias": -47.66,
}
MERGE_AT = -0.5
ATTACH_AT = -2.5
SMALL_GROUP = 3
APART = -1e6  # the log-odds of a pair a hard constraint keeps apart

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,٫٬’'](?=\d)\d+)*")
_NAME = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass
class Profile:
    """What the fast path reads from one article."""

    id: str
    language: str
    lead: str
    words: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    lead_words: Counter[str] = field(default_factory=Counter)
    numbers: Counter[str] = field(default_factory=Counter)
    when: ResolvedWhen | None = None
    year: int | None = None

    @property
    def event_date(self) -> date | None:
        """The resolved event date, if it is a full calendar date."""
        return parse_iso_date(self.when.iso) if self.when else None


def lead_of(text: str, max_chars: int = LEAD_CHARS) -> str:
    """The title and first sentences, up to ``max_chars`` (cut at a word)."""
    lead = " ".join(body_lines(text)[:4])
    if len(lead) <= max_chars:
        return lead
    cut = lead.rfind(" ", 0, max_chars)
    return lead[: cut if cut > max_chars // 2 else max_chars]


def numbers_in(text: str) -> list[str]:
    """The numbers written in ``text`` (any digits: Arabic-Indic too), canonical: thousands
    separators dropped, a decimal comma made a point; years and numbers under 10 left out
    (they say little of which event it is)."""
    out = []
    for m in _NUMBER.finditer(text):
        raw = m.group()
        parts = re.split(r"[.,٫٬’']", raw)
        if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
            value = "".join(parts)
        else:
            value = ".".join(parts[:2]) if len(parts) > 1 else raw
        value = "".join(str(int(c)) if c.isdigit() else c for c in value)
        number = float(value)
        if number >= 10 and not (len(raw) == 4 and 1950 <= number <= 2099):
            out.append(value)
    return out


def names_in(text: str) -> list[str]:
    """Capitalised words that do not start a line or sentence: proper names, in scripts with
    case (an Arabic text gives none; the embedding carries it)."""
    stop = stopwords()
    out = []
    for line in text.splitlines():
        first = True
        for m in _NAME.finditer(line):
            w = m.group()
            start = m.start()
            before = line[:start].rstrip()
            if first or (before and before[-1] in ".!?:;"):
                first = False
                continue
            if w[0].isupper() and (key := normalize(w)) and key not in stop:
                out.append(key)
    return out


def profile(
    id: str,
    text: str,
    language: str = "",
    published: str | date | Anchor | None = None,
    when: ResolvedWhen | None = None,
) -> Profile:
    """The ``Profile`` of one article. ``published`` is its own date (ISO, a ``date``, or an
    ``Anchor`` that says where it was read), if known: what loading found
    (``Article.page_date_iso``: metadata, a page-date line, a dateline, the page's address).
    ``when``: the event's time when the caller has read it (the ground stage), else it is
    read from the text (``read.when.text_event_time``)."""
    if isinstance(published, str):
        published = parse_iso_date(published)
    anchor = Anchor(published) if isinstance(published, date) else published
    text = without_instructions(text)[0]
    lead = lead_of(text)
    when = when or text_event_time(text, anchor)
    text = LINKS.sub(" ", text)
    words = content_words(text)
    years = [int(y) for y in _YEAR.findall(text)]
    return Profile(
        id=id,
        language=language,
        lead=lead,
        words=Counter(words + [f"{a}_{b}" for a, b in pairwise(words)]),
        names=Counter(names_in(text)),
        lead_words=Counter(content_words(lead)),
        numbers=Counter(numbers_in(text)),
        when=when,
        year=max(years) if years else None,
    )


def _tfidf(bags: Sequence[Counter[str]], pairs_only: bool | None = None) -> sparse.csr_matrix:
    """Rows of L2-normalised sublinear TF-IDF over ``bags``; terms seen in one bag only are
    dropped (they can match nothing). ``pairs_only`` keeps word pairs (True), single words
    (False) or both (None)."""
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for r, bag in enumerate(bags):
        for term, count in bag.items():
            if df[term] < 2 or (pairs_only is not None and ("_" in term) != pairs_only):
                continue
            c = vocab.setdefault(term, len(vocab))
            rows.append(r)
            cols.append(c)
            vals.append((1 + math.log(count)) * math.log(n / df[term]))
    m = sparse.csr_matrix(
        (np.asarray(vals, np.float32), (rows, cols)), shape=(n, max(len(vocab), 1))
    )
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1 / norms) @ m)


class Batch:
    """The features of a batch of profiles, from which any block of pair scores is computed
    (``scores``) without holding all n x n pairs at once."""

    def __init__(self, profiles: Sequence[Profile], vectors: np.ndarray) -> None:
        self.profiles = list(profiles)
        bags = [p.words for p in profiles]
        self.features = {
            "words": _tfidf(bags, pairs_only=False),
            "pairs": _tfidf(bags),
            "names": _tfidf([p.names for p in profiles]),
            "lead": _tfidf([p.lead_words for p in profiles]),
            "numbers": _tfidf([p.numbers for p in profiles]),
        }
        # Transposed once: a block of rows is scored against every column (``cluster_batch``).
        self.transposed = {name: sparse.csr_matrix(m.T) for name, m in self.features.items()}
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.years = np.array([p.year or 0 for p in profiles])
        self.languages = np.array([p.language or "" for p in profiles])
        days = [p.when.weekday if p.when and p.when.weekday is not None else -1 for p in profiles]
        self.weekdays = np.array(days)

    def __len__(self) -> int:
        return len(self.profiles)

    def _products(self, rows: np.ndarray, cols: np.ndarray) -> dict[str, sparse.coo_matrix]:
        # A run of columns (a block against the rest) is a slice of the transposed matrix.
        run = len(cols) > 0 and bool((np.diff(cols) == 1).all())
        return {
            name: (
                m[rows] @ (self.transposed[name][:, cols[0] : cols[-1] + 1] if run else m[cols].T)
            ).tocoo()
            for name, m in self.features.items()
        }

    def signals(self, rows: np.ndarray, cols: np.ndarray) -> dict[str, np.ndarray]:
        """The similarities of the pairs ``rows`` x ``cols`` (index arrays), by name."""
        out = {name: prod.toarray() for name, prod in self._products(rows, cols).items()}
        out["meaning"] = self.vectors[rows] @ self.vectors[cols].T
        out["year_gap"] = self._year_gap(rows, cols)
        out["same_language"] = self.languages[rows][:, None] == self.languages[cols][None, :]
        out["weekday_same"], out["weekday_differ"] = self._weekdays(rows, cols)
        return out

    def _year_gap(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        yr, yc = self.years[rows], self.years[cols]
        gap = np.minimum(np.abs(yr[:, None] - yc[None, :]), 5).astype(np.float32)
        return np.where((yr > 0)[:, None] & (yc > 0)[None, :], gap, np.float32(0))

    def _weekdays(self, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        wr, wc = self.weekdays[rows][:, None], self.weekdays[cols][None, :]
        known = (wr >= 0) & (wc >= 0)
        return (known & (wr == wc)).astype(np.float32), (known & (wr != wc)).astype(np.float32)

    def scores(
        self, rows: np.ndarray, cols: np.ndarray, weights: dict[str, float] | None = None
    ) -> np.ndarray:
        """Log-odds that each pair of ``rows`` x ``cols`` reports the same event: the same
        sum as over ``signals``, accumulated in place (sparse terms added where non-zero)."""
        same_language = self.languages[rows][:, None] == self.languages[cols][None, :]
        models = [(same_language, weights or WEIGHTS), (~same_language, CROSS_WEIGHTS)]
        products = self._products(rows, cols)
        meaning = self.vectors[rows] @ self.vectors[cols].T
        same, differ = self._weekdays(rows, cols)
        z = np.zeros((len(rows), len(cols)), np.float32)
        for where, w in models:
            if not where.any():
                continue  # a batch in one language needs no cross-language model
            acc = np.full(z.shape, w["bias"], np.float32)
            for name, prod in products.items():
                if w.get(name):
                    acc[prod.row, prod.col] += np.float32(w[name]) * prod.data
            acc += np.float32(w["meaning"]) * meaning
            if w.get("year_gap"):
                acc += np.float32(w["year_gap"]) * self._year_gap(rows, cols)
            acc += np.float32(w["weekday_same"]) * same
            acc += np.float32(w["weekday_differ"]) * differ
            np.copyto(z, acc, where=where)
        z[np.nonzero(rows[:, None] == cols[None, :])] = 0.0
        return z


Refine = Callable[[np.ndarray, np.ndarray], np.ndarray]
BLOCK = 512


def article_anchor(article: Article) -> Anchor | None:
    """The article's own date and where loading read it."""
    day = parse_iso_date(article.page_date_iso)
    return Anchor(day, article.page_date_from or "metadata") if day else None


def cluster_batch(
    batch: Batch,
    refine: Refine | None = None,
    *,
    merge_at: float = MERGE_AT,
    attach_at: float = ATTACH_AT,
    small: int = SMALL_GROUP,
    reach: float = 0.0,
    joined: Sequence[tuple[int, int]] = (),
) -> list[list[int]]:
    """Groups of indices into the batch (see the module docstring).

    Pairs are scored a block of rows at a time; only pairs at or over ``attach_at - reach``
    can end in one group, so the connected parts of that graph are clustered one by one, each
    with its full matrix of scores. ``refine(z, members)`` may change a part's scores before
    it is clustered (the model's fields: ``summarizer.group``), by at most ``reach`` upward
    except for the pairs in ``joined`` (wire copies), and set ``APART`` where a hard
    constraint holds."""
    n = len(batch)
    edges: list[tuple[int, int]] = list(joined)
    everyone = np.arange(n)

    def near(lo: int) -> list[tuple[int, int]]:
        rows, cols = everyone[lo : lo + BLOCK], everyone[lo:]  # each pair once: j >= i
        near_i, near_j = np.nonzero(batch.scores(rows, cols) >= attach_at - reach)
        return list(zip(rows[near_i].tolist(), cols[near_j].tolist(), strict=True))

    # numpy and scipy let go of the GIL in their loops: one block per core at a time.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for found in pool.map(near, range(0, n, BLOCK)):
            edges.extend(found)
    groups: list[list[int]] = []
    parts = []
    for members in components(n, edges):
        (groups if len(members) == 1 else parts).append(members)
    # Parts are scored together, as many as fit in a block: one product for many small parts.
    batch_of: list[list[int]] = []
    for members in sorted(parts, key=len):
        if batch_of and sum(map(len, batch_of)) + len(members) > BLOCK:
            groups.extend(_cluster_parts(batch, batch_of, refine, merge_at, attach_at, small))
            batch_of = []
        batch_of.append(members)
    groups.extend(_cluster_parts(batch, batch_of, refine, merge_at, attach_at, small))
    return sorted(groups, key=lambda g: g[0])


def _cluster_parts(
    batch: Batch,
    parts: list[list[int]],
    refine: Refine | None,
    merge_at: float,
    attach_at: float,
    small: int,
) -> list[list[int]]:
    """Average link in each of ``parts``, their scores computed in one product."""
    if not parts:
        return []
    every = np.array([i for members in parts for i in members])
    z_all = batch.scores(every, every)
    out, start = [], 0
    for members in parts:
        end = start + len(members)
        z = z_all[start:end, start:end].copy()
        if refine is not None:
            z = refine(z, every[start:end])
        out.extend(
            sorted(members[k] for k in g) for g in _average_link(z, merge_at, attach_at, small)
        )
        start = end
    return out


def _average_link(z: np.ndarray, merge_at: float, attach_at: float, small: int) -> list[list[int]]:
    n = len(z)
    sums = z.astype(np.float64).copy()  # sum of pair log-odds between two groups
    blocked = z <= APART / 2  # a hard constraint between two groups
    size = np.ones(n)
    alive = np.ones(n, bool)
    members = {i: [i] for i in range(n)}

    def best(min_size: int | None) -> tuple[int, int, float]:
        avg = sums / np.outer(size, size)
        avg[blocked | ~alive[:, None] | ~alive[None, :]] = -np.inf
        np.fill_diagonal(avg, -np.inf)
        if min_size is not None:  # a small group to a group larger than itself
            avg[~((size <= small)[:, None] & (size[None, :] > size[:, None]))] = -np.inf
        k = int(np.argmax(avg))
        i, j = divmod(k, n)
        return i, j, float(avg[i, j])

    def merge(i: int, j: int) -> None:
        sums[i] += sums[j]
        sums[:, i] += sums[:, j]
        blocked[i] |= blocked[j]
        blocked[:, i] |= blocked[:, j]
        size[i] += size[j]
        alive[j] = False
        members[i] += members.pop(j)

    while alive.sum() > 1:
        i, j, score = best(None)
        if score < merge_at:
            break
        merge(i, j)
    while alive.sum() > 1:
        i, j, score = best(small)
        if score < attach_at:
            break
        merge(j, i)
    return _reattached(z, list(members.values()), merge_at)


def _reattached(z: np.ndarray, groups: list[list[int]], merge_at: float) -> list[list[int]]:
    """Undo a pairing that the order of merging forced. Average link pairs first what scores
    highest: an undated report with a report in its own language (the same people, the same
    words); the pair then inherits its partner's constraints, and the report can no longer
    join the event it reads like too. So a pair whose one article nothing keeps apart from a
    larger group that its partner is kept apart from, and that scores with that group at
    ``merge_at`` or more on average, is split: the article joins that group when it is the
    only such one, and is alone when several are (it reads like two events: it belongs to
    neither for certain). Measured, one run each: dev B³ 0.970 -> 1.00 (the undated Seldon
    report joins the Al Haouz quake, the Al Hoceima distractor is alone), calls 0.952 ->
    0.970 (the undated AiF report reads like two calls: alone; the 12 July distractor
    alone), ECB+ fast events 0.917 -> 0.920, validation unchanged. Joining the best-scoring
    group instead put the AiF report with the wrong call on the calls set's fast path."""
    apart = z <= APART / 2
    joining: dict[int, list[int]] = {}
    out: list[list[int]] = []
    alone: list[list[int]] = []
    for g in groups:
        if len(g) == 2:
            for x, partner in (g, g[::-1]):
                like = [
                    k for k, other in enumerate(groups)
                    if len(other) > 1 and not apart[x, other].any() and apart[partner, other].any()
                    and float(z[x, other].mean()) >= merge_at
                ]  # fmt: skip
                if like:
                    if len(like) == 1:  # reads like one other event: it joins it
                        joining.setdefault(like[0], []).append(x)
                    else:  # like several: it belongs to none for certain
                        alone.append([x])
                    g = [partner]
                    break
        out.append(g)
    return [g + joining.get(k, []) for k, g in enumerate(out)] + alone


COPY_AT = 0.7  # shingle containment at which two texts are one story republished
COPY_SCORE = 10.0  # log-odds of a pair of copies: they are one report


@dataclass
class Triage:
    """The fast path's answer: groups of indices into the articles, and wire copies (sets of
    near-identical texts, each shown as one source with its copies)."""

    profiles: list[Profile]
    groups: list[list[int]]
    copies: list[list[int]]
    # indices into ``groups``: the events of one story (one cluster of the texts alone, split
    # by the events' times); the fast path only (``group_articles``)
    stories: list[list[int]] = field(default_factory=list)

    def copy_of(self, i: int) -> int | None:
        """The first article of ``i``'s copy set when ``i`` is a later copy, else None."""
        for members in self.copies:
            if i in members[1:]:
                return members[0]
        return None


def triage(
    texts: Sequence[str],
    profiles: Sequence[Profile],
    vectors: np.ndarray,
    refine: Refine | None = None,
    reach: float = 0.0,
    candidates: Sequence[tuple[int, int]] = (),
) -> Triage:
    """Group articles from their text: wire copies first (``summarizer.shingles``), joined
    for certain; then ``cluster_batch`` on the calibrated log-odds. ``candidates`` are more
    pairs ``refine`` may join whatever their text scores (they share a participant)."""
    pairs = near_duplicates(list(texts), threshold=COPY_AT)
    copied: dict[int, set[int]] = {i: set() for i in range(len(texts))}
    for i, j, _ in pairs:
        copied[i].add(j)
        copied[j].add(i)

    def with_copies(refine: Refine | None) -> Refine:
        def refined(z: np.ndarray, idx: np.ndarray) -> np.ndarray:
            if refine is not None:
                z = refine(z, idx)
            where = {int(k): x for x, k in enumerate(idx)}
            for x, k in enumerate(idx):
                for other in copied[int(k)]:
                    if (y := where.get(other)) is not None:
                        z[x, y] = z[y, x] = max(z[x, y], COPY_SCORE)
            return z

        return refined

    batch = Batch(profiles, vectors)
    joined = [(i, j) for i, j, _ in pairs] + list(candidates)
    copies = copy_groups(len(texts), pairs)
    if refine is not None:
        groups = cluster_batch(batch, with_copies(refine), reach=reach, joined=joined)
        return Triage(list(profiles), groups, copies)
    # From the text alone: the texts' clusters are stories; the events' times split them
    # into events (``times_refine``).
    clusters = cluster_batch(batch, with_copies(None), reach=reach, joined=joined)
    within = times_refine(profiles, clusters)
    groups = cluster_batch(batch, with_copies(within), reach=reach, joined=joined)
    return Triage(list(profiles), groups, copies, _stories(groups, clusters))


def _stories(groups: list[list[int]], clusters: list[list[int]]) -> list[list[int]]:
    """The groups of one cluster (the one that holds most of each group's articles), where a
    cluster holds two groups or more."""
    cluster_of = {i: c for c, members in enumerate(clusters) for i in members}
    by_cluster: dict[int, list[int]] = {}
    for g, members in enumerate(groups):
        home = Counter(cluster_of[i] for i in members).most_common(1)[0][0]
        by_cluster.setdefault(home, []).append(g)
    return [gs for gs in by_cluster.values() if len(gs) > 1]


def times_refine(profiles: Sequence[Profile], stories: Sequence[Sequence[int]] = ()) -> Refine:
    """Without the model's fields, the event times read from the texts keep apart the pairs
    of articles whose events cannot be within a day of each other (``dates.times_apart``),
    and, given ``stories`` (the clusters of the texts alone), the pairs of two stories: the
    times split a story into its events, they do not regroup the articles."""
    story_of = {i: k for k, members in enumerate(stories) for i in members}

    def refine(z: np.ndarray, idx: np.ndarray) -> np.ndarray:
        z = z.copy()
        for x in range(len(idx)):
            for y in range(x + 1, len(idx)):
                a, b = int(idx[x]), int(idx[y])
                if times_apart(profiles[a].when, profiles[b].when) or (
                    story_of and story_of.get(a) != story_of.get(b)
                ):
                    z[x, y] = z[y, x] = APART
        return z

    return refine


def group_articles(
    articles: Sequence[Article], *, embedder: Embedder | None = None, store: Store | None = None
) -> Triage:
    """The fast path on loaded articles: profiles, lead embeddings (cached in ``store``), then
    ``triage``."""
    profiles = [profile(a.id, a.text, a.language, article_anchor(a)) for a in articles]
    vectors = embed_texts([p.lead for p in profiles], embedder or default_embedder(), store)
    return triage([a.text for a in articles], profiles, vectors)
