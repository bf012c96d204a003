#!/usr/bin/env python3
"""Fixtures for the Java MersenneTwister, StratifiedShuffleSplit and StratifiedKFold.

Everything random here comes from numpy's legacy RandomState, which numpy keeps bit-exact; the
split and fold logic is a numpy re-statement of scikit-learn 1.2's train_test_split(stratify=y,
random_state=int) (StratifiedShuffleSplit._iter_indices with _approximate_mode) and
StratifiedKFold(shuffle=True, random_state=int)._make_test_folds, written from their source, so
the fixtures need numpy only.

    python3 tools/sklearn_split_fixtures.py [TELCO_CSV] > \
        functions/core/src/test/resources/dev/churnops/core/model/numpy-sklearn-fixtures.json

With TELCO_CSV (the shared telco-customer-churn.csv) the Telco split (test_size 0.2, random_state
42) and its training rows' 5 folds are included.
"""
import csv
import json
import math
import sys

import numpy as np

SEEDS = [0, 1, 42, 5489, 123456789, 4294967295]


def mt_outputs(seed):
    bits = np.random.MT19937()
    bits._legacy_seeding(seed)
    raw = [int(v) for v in bits.random_raw(1250)]
    return {"seed": seed, "first": raw[:10], "from_620": raw[620:630], "from_1240": raw[1240:1250]}


def rows_per_class(sizes, wanted, gen):
    """How many of `wanted` rows each class gives: the floor of its proportional share, then one
    more for the classes with the largest fractional parts, largest first, a random pick among
    classes whose fractional parts are equal (the pick is drawn even when all of them get one)."""
    shares = sizes / sizes.sum() * wanted
    given = np.floor(shares)
    missing = int(wanted - given.sum())
    fractions = shares - given
    for fraction in sorted(set(fractions.tolist()), reverse=True):
        if missing <= 0:
            break
        tied = np.flatnonzero(fractions == fraction)
        take = min(missing, tied.size)
        given[gen.choice(tied, size=take, replace=False)] += 1
        missing -= take
    return given.astype(int)


def train_test_split(labels, test_share, seed):
    """Training and test row numbers, in the order the reference split lists them."""
    labels = np.asarray(labels)
    test_rows = math.ceil(test_share * labels.size)
    train_rows = labels.size - test_rows
    values, codes = np.unique(labels, return_inverse=True)
    sizes = np.bincount(codes)
    assert sizes.min() >= 2 and min(train_rows, test_rows) >= values.size, "split impossible"
    members = [np.flatnonzero(codes == c) for c in range(values.size)]
    gen = np.random.RandomState(seed)
    to_train = rows_per_class(sizes, train_rows, gen)
    to_test = rows_per_class(sizes - to_train, test_rows, gen)
    train, test = [], []
    for c, rows in enumerate(members):
        shuffled = rows[gen.permutation(rows.size)]
        train += shuffled[:to_train[c]].tolist()
        test += shuffled[to_train[c]:to_train[c] + to_test[c]].tolist()
    return [int(v) for v in gen.permutation(train)], [int(v) for v in gen.permutation(test)]


def stratified_k_fold(labels, k, seed):
    """Each row's fold: classes numbered by first appearance, the sorted class codes dealt to the
    folds in turn to size each fold's share of a class, then each class's fold labels shuffled."""
    gen = np.random.RandomState(seed)
    labels = np.asarray(labels)
    _, first, codes = np.unique(labels, return_index=True, return_inverse=True)
    by_appearance = np.argsort(np.argsort(first))
    codes = by_appearance[codes]
    classes = first.size
    dealt = np.sort(codes)
    per_fold = np.array([np.bincount(dealt[f::k], minlength=classes) for f in range(k)])
    folds = np.empty(labels.size, dtype=int)
    for c in range(classes):
        labels_of_class = np.repeat(np.arange(k), per_fold[:, c])
        gen.shuffle(labels_of_class)
        folds[codes == c] = labels_of_class
    return [int(v) for v in folds]


def label_vectors():
    rng = np.random.RandomState(2024)
    binary = [int(v) for v in (rng.random_sample(50) < 0.35)]
    multi = [int(v) for v in rng.permutation(np.repeat([0, 1, 2, 3], [4, 4, 4, 3]))]
    skewed = [int(v) for v in (rng.random_sample(203) < 0.1)]
    # Labels other than 0..n-1 and out of order, so class numbering is exercised.
    coded = [int(v) for v in rng.choice([7, -2, 3], size=61)]
    return {"binary": binary, "multi": multi, "skewed": skewed, "coded": coded}


def main():
    fixtures = {"mt": [mt_outputs(s) for s in SEEDS]}
    fixtures["uint64"] = []
    for seed in SEEDS[:3]:
        bits = np.random.MT19937()
        bits._legacy_seeding(seed)
        fixtures["uint64"].append({"seed": seed, "values": [str(int(v)) for v in
                                                           np.random.RandomState(bits).randint(0, 2**64, size=5, dtype=np.uint64)]})
    fixtures["randint"] = []
    for seed in [0, 42, 4294967295]:
        for low, high in [(0, 10), (5, 6), (-3, 1000003), (0, 2**32), (0, 2**32 + 1), (0, 2**40), (-2**62, 2**62)]:
            values = np.random.RandomState(seed).randint(low, high, size=12, dtype=np.int64)
            fixtures["randint"].append({"seed": seed, "low": str(low), "high": str(high),
                                        "values": [str(int(v)) for v in values]})
    fixtures["permutation"] = []
    for seed in [0, 42, 4294967295]:
        for n in [0, 1, 2, 10, 1000]:
            fixtures["permutation"].append({"seed": seed, "n": n,
                                            "values": [int(v) for v in np.random.RandomState(seed).permutation(n)]})
    fixtures["choice"] = []
    for seed in [0, 42]:
        for population, size in [([10, 20, 30, 40, 50], 2), ([3], 1), ([5, 6, 7], 3), (list(range(100, 140)), 7)]:
            chosen = np.random.RandomState(seed).choice(np.asarray(population), size=size, replace=False)
            fixtures["choice"].append({"seed": seed, "population": population, "size": size,
                                       "values": [int(v) for v in chosen]})
    fixtures["approximate_mode"] = []
    for counts, draws, seed in [([4, 2], 3, 0), ([5, 2], 4, 0), ([2, 2, 2, 1], 2, 0), ([2, 2, 2, 1], 2, 42),
                                ([5174, 1869], 5634, 42), ([3, 3, 3, 3, 3], 7, 9), ([10, 10, 1], 11, 3)]:
        mode = rows_per_class(np.asarray(counts), draws, np.random.RandomState(seed))
        fixtures["approximate_mode"].append({"counts": counts, "draws": draws, "seed": seed,
                                             "values": [int(v) for v in mode]})
    labels = label_vectors()
    fixtures["labels"] = labels
    fixtures["split"] = []
    for name in ["binary", "multi", "skewed", "coded"]:
        for test_size, seed in [(0.2, 42), (0.25, 0), (0.5, 4294967295), (0.33, 7)]:
            if name == "multi" and test_size == 0.2:
                continue  # 3 test rows for 4 classes: scikit-learn refuses it, and so does the Java split
            train, test = train_test_split(labels[name], test_size, seed)
            fixtures["split"].append({"labels": name, "test_size": test_size, "seed": seed, "train": train, "test": test})
    fixtures["kfold"] = []
    for name, k, seed in [("binary", 5, 42), ("binary", 3, 0), ("multi", 3, 42), ("skewed", 5, 4294967295),
                          ("coded", 4, 11)]:
        fixtures["kfold"].append({"labels": name, "k": k, "seed": seed,
                                  "folds": stratified_k_fold(labels[name], k, seed)})
    if len(sys.argv) > 1:
        with open(sys.argv[1], newline="") as f:
            y = [1 if row["Churn"] == "Yes" else 0 for row in csv.DictReader(f)]
        train, test = train_test_split(y, 0.2, 42)
        y_train = [y[i] for i in train]
        fixtures["telco"] = {"rows": len(y), "test_size": 0.2, "seed": 42, "train": train, "test": test,
                             "test_churners": sum(y[i] for i in test),
                             "train_folds": stratified_k_fold(y_train, 5, 42)}
    json.dump(fixtures, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
