"""Near-duplicate ("wire copy") detection: the same agency story republished by several outlets,
whole or cut, under another headline or credit line, with a few words changed.

A text becomes the set of its word k-grams ("shingles", on ``text.normalize``d words, hashed
with blake2b to 64 bits so the sets are the same in every process). Two copies share most of
their shingles; two stories on the same subject share a phrase or two. Comparing every pair of
sets is quadratic, so:

1. MinHash: per text, ``num_perm`` minimums of universal hashes (a*x + b) mod (2^61 - 1) of
   its shingles. Two texts agree on one minimum with probability their Jaccard similarity.
2. LSH banding: the signature is cut into bands of r rows; texts whose rows agree in some
   band become candidates. r is the largest that still makes a pair at the threshold a
   candidate with probability at least 99.9% (32 bands of 4 rows for 128 permutations and a
   threshold of 0.7): a chance candidate only costs a check, a missed copy is lost.
3. An excerpt (a short text wholly inside a longer one) has a low Jaccard similarity however
   faithful it is, so MinHash misses it. Broder's MOD-m sample ("On the resemblance and
   containment of documents", 1997) finds those: the shingles whose hash is 0 mod m, looked
   up in an inverted index; texts sharing enough of them become candidates too.
4. Every candidate is checked exactly on the shingle sets: the score is the larger of the
   Jaccard similarity and the containment of the smaller set in the larger.

datasketch does 1 and 2 only, some 60 lines of numpy here; 3 and 4 would be ours anyway.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations

import numpy as np

from .text import normalize

MIN_WORDS = 20  # a shorter text is never called a copy: too little to tell
_PRIME = (1 << 61) - 1  # a Mersenne prime: x mod p = (x & p) + (x >> 61), then once more
_P = np.uint64(_PRIME)
_LOW32 = np.uint64(0xFFFFFFFF)
_EMPTY = np.iinfo(np.uint64).max
_CANDIDATE_AT_THRESHOLD = 0.999  # the chance that banding makes a pair at the threshold a candidate
_MOD = 2  # Broder's m: one shingle in m, by its hash, is looked up for containment


def _hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "little")


def shingles(text: str, k: int = 5) -> set[int]:
    """The word k-grams of ``text`` (normalised), each hashed to a 64-bit int; a text of fewer
    than k words gives one shingle of all its words, a text with no words none."""
    words = normalize(text).split()
    if not words:
        return set()
    if len(words) < k:
        return {_hash(" ".join(words))}
    return {_hash(" ".join(words[i : i + k])) for i in range(len(words) - k + 1)}


def _mod_p(x: np.ndarray) -> np.ndarray:
    """x mod 2^61 - 1 for any uint64 x."""
    x = (x & _P) + (x >> np.uint64(61))
    return np.where(x >= _P, x - _P, x)


def _mulmod(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """a * x mod 2^61 - 1 for a, x < 2^61 (broadcast), in 64-bit pieces: 2^64 = 8 mod p and
    2^61 = 1 mod p."""
    ah, al = a >> np.uint64(32), a & _LOW32
    xh, xl = x >> np.uint64(32), x & _LOW32
    high = (ah * xh) << np.uint64(3)  # < 2^61: the 2^64 part
    mid = ah * xl + al * xh  # < 2^62: the 2^32 part
    mid = (mid >> np.uint64(29)) + ((mid & np.uint64((1 << 29) - 1)) << np.uint64(32))
    low = _mod_p(al * xl)
    return _mod_p(_mod_p(high + mid) + low)


def minhash(sets: list[set[int]], num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """The MinHash signatures of ``sets``: an (n, num_perm) uint64 matrix whose column j holds
    min over the set of (a_j * x + b_j) mod (2^61 - 1), a_j and b_j drawn with ``seed``. An
    empty set's row is all 2^64 - 1 (greater than any hash)."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, _PRIME, size=num_perm, dtype=np.uint64)
    b = rng.integers(0, _PRIME, size=num_perm, dtype=np.uint64)
    out = np.full((len(sets), num_perm), _EMPTY, dtype=np.uint64)
    for i, s in enumerate(sets):
        if s:
            x = _mod_p(np.fromiter(s, dtype=np.uint64, count=len(s)))[:, None]
            out[i] = _mod_p(_mulmod(a, x) + b).min(axis=0)
    return out


def bands(num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows): the most rows per band for which a pair of Jaccard similarity
    ``threshold`` shares a band with probability at least 99.9%."""
    best = (num_perm, 1)
    for rows in range(2, num_perm + 1):
        n = num_perm // rows
        if 1 - (1 - threshold**rows) ** n < _CANDIDATE_AT_THRESHOLD:
            break
        best = (n, rows)
    return best


def _banded(signatures: np.ndarray, threshold: float) -> set[tuple[int, int]]:
    n, rows = bands(signatures.shape[1], threshold)
    pairs: set[tuple[int, int]] = set()
    for band in range(n):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for i, row in enumerate(signatures[:, band * rows : (band + 1) * rows]):
            buckets[row.tobytes()].append(i)
        for members in buckets.values():
            pairs.update(combinations(members, 2))
    return pairs


def _contained(sets: list[set[int]], threshold: float) -> set[tuple[int, int]]:
    """Pairs whose MOD-m samples share at least half the threshold of the smaller sample."""
    samples = [{h for h in s if h % _MOD == 0} for s in sets]
    index: dict[int, list[int]] = defaultdict(list)
    for i, sample in enumerate(samples):
        for h in sample:
            index[h].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for members in index.values():
        shared.update(combinations(members, 2))
    return {
        (i, j)
        for (i, j), count in shared.items()
        if count >= threshold / 2 * min(len(samples[i]), len(samples[j]))
    }


def near_duplicates(
    texts: list[str], threshold: float = 0.7, k: int = 5
) -> list[tuple[int, int, float]]:
    """(i, j, score) for the pairs of ``texts`` (i < j) that are copies of one story: score,
    the larger of the Jaccard similarity of their shingle sets and the containment of the
    smaller set in the larger, at least ``threshold``. Texts of fewer than 20 words are never
    paired. Sorted."""
    sets = [shingles(t, k) if len(normalize(t).split()) >= MIN_WORDS else set() for t in texts]
    kept = [i for i, s in enumerate(sets) if s]
    if len(kept) < 2:
        return []
    kept_sets = [sets[i] for i in kept]
    candidates = _banded(minhash(kept_sets), threshold) | _contained(kept_sets, threshold)
    found = []
    for ci, cj in candidates:
        a, b = kept_sets[ci], kept_sets[cj]
        shared = len(a & b)
        jaccard = shared / (len(a) + len(b) - shared)
        score = max(jaccard, shared / min(len(a), len(b)))
        if score >= threshold:
            i, j = sorted((kept[ci], kept[cj]))
            found.append((i, j, score))
    return sorted(found)


def components(n: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The connected components of the graph of ``n`` nodes and edges ``pairs`` (union-find),
    each sorted, sorted by first member; single nodes included."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[root(i)].append(i)
    return sorted(groups.values())


def copy_groups(n: int, pairs: list[tuple[int, int, float]]) -> list[list[int]]:
    """The groups of copies among ``n`` texts joined by ``pairs`` (connected components of two
    texts or more), each sorted, sorted by first member."""
    return [g for g in components(n, ((i, j) for i, j, _ in pairs)) if len(g) >= 2]
