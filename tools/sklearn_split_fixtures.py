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


def approximate_mode(class_counts, n_draws, rng):
    continuous = class_counts / class_counts.sum() * n_draws
    floored = np.floor(continuous)
    need_to_add = int(n_draws - floored.sum())
    if need_to_add > 0:
        remainder = continuous - floored
        values = np.sort(np.unique(remainder))[::-1]
        for value in values:
            (inds,) = np.where(remainder == value)
            add_now = min(len(inds), need_to_add)
            inds = rng.choice(inds, size=add_now, replace=False)
            floored[inds] += 1
            need_to_add -= add_now
            if need_to_add == 0:
                break
    return floored.astype(int)


def train_test_split(y, test_size, random_state):
    y = np.asarray(y)
    n_samples = len(y)
    n_test = math.ceil(test_size * n_samples)
    n_train = n_samples - n_test
    classes, y_indices = np.unique(y, return_inverse=True)
    n_classes = classes.shape[0]
    class_counts = np.bincount(y_indices)
    if np.min(class_counts) < 2:
        raise ValueError("The least populated class in y has only 1 member")
    if n_train < n_classes or n_test < n_classes:
        raise ValueError("train_size = %d and test_size = %d should be at least the number of classes = %d"
                         % (n_train, n_test, n_classes))
    class_indices = np.split(np.argsort(y_indices, kind="mergesort"), np.cumsum(class_counts)[:-1])
    rng = np.random.RandomState(random_state)
    n_i = approximate_mode(class_counts, n_train, rng)
    class_counts_remaining = class_counts - n_i
    t_i = approximate_mode(class_counts_remaining, n_test, rng)
    train, test = [], []
    for i in range(n_classes):
        permutation = rng.permutation(class_counts[i])
        perm_indices_class_i = class_indices[i].take(permutation, mode="clip")
        train.extend(perm_indices_class_i[: n_i[i]])
        test.extend(perm_indices_class_i[n_i[i]: n_i[i] + t_i[i]])
    return [int(v) for v in rng.permutation(train)], [int(v) for v in rng.permutation(test)]


def stratified_k_fold(y, n_splits, random_state):
    rng = np.random.RandomState(random_state)
    y = np.asarray(y)
    _, y_idx, y_inv = np.unique(y, return_index=True, return_inverse=True)
    _, class_perm = np.unique(y_idx, return_inverse=True)
    y_encoded = class_perm[y_inv]
    n_classes = len(y_idx)
    y_order = np.sort(y_encoded)
    allocation = np.asarray([np.bincount(y_order[i::n_splits], minlength=n_classes) for i in range(n_splits)])
    test_folds = np.empty(len(y), dtype="i")
    for k in range(n_classes):
        folds_for_class = np.arange(n_splits).repeat(allocation[:, k])
        rng.shuffle(folds_for_class)
        test_folds[y_encoded == k] = folds_for_class
    return [int(v) for v in test_folds]


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
        mode = approximate_mode(np.asarray(counts), draws, np.random.RandomState(seed))
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
