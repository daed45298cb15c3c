#!/usr/bin/env python3
"""Reference values for cvw's Evaluation tests (binary metrics, lift and
calibration tables, CLV holdout metrics, unshuffled splitters).

How to regenerate: run this file with a Python that has numpy, pandas and
scikit-learn, from any directory:

    /work/venv/bin/python Tests/EvaluationTests/Fixtures/make_metrics_fixtures.py

It writes metrics_reference.json next to itself.  The committed file was
produced with

    Python 3.11.7, numpy 2.4.6, pandas 3.1.1, scikit-learn 1.9.1

(the versions actually used are written into the JSON under "versions").
Every case is drawn from numpy's default_rng with a fixed seed, so the file
is byte-reproducible with these versions.

Conventions:
  * labels are 0/1, scores are probabilities of the positive class in [0, 1].
  * Threshold metrics predict 1 when score >= threshold (the convention of
    sklearn's FixedThresholdClassifier); the predictions are computed here and
    passed to accuracy_score, precision_score, recall_score, f1_score with
    zero_division=0 (sklearn's default "warn" also returns 0).
  * log_loss: scikit-learn >= 1.5 clips probabilities to [eps, 1 - eps] with
    eps = np.finfo(float64).eps = 2.22e-16 (the `eps` argument is gone); the
    perfect-classifier case has scores of exactly 0 and 1 to pin this down.
  * Lift table: rows sorted by score descending, ties in the order of the
    rows (pandas rank(method="first", ascending=False)); deciles
    pd.qcut(rank, 10, labels=False) + 1, so decile 1 holds the highest scores.
    lift = decile rate / overall rate; cumulativeGain = positives captured in
    deciles 1..d / all positives.
  * Calibration table: the same with scores ascending
    (rank(method="first")), so bin 1 holds the lowest predictions.
  * The script also checks that the exact integer rule used by cvw,
        decile(r) = max(1, ceil(10 (r - 1) / (n - 1)))   for rank r in 1...n,
    gives pandas' qcut bins for every n in 2...2000, and exits non-zero if not.
  * Holdout (CLV): calibration-frequency buckets 0..K-1 and "K+" (K = 7), as
    lifetimes' plot_calibration_purchases_vs_holdout_purchases groups them
    (lifetimes shows only the first K buckets; cvw adds the open one).
  * Curves: every case also records roc_curve (drop_intermediate True as
    "roc", False as "rocAll") and precision_recall_curve (drop_intermediate
    False as "precisionRecall", True as "precisionRecallDropped"), arrays as
    sklearn returns them; roc_curve's first threshold +inf is written as the
    string "Infinity".
  * Splitters: KFold(5) and StratifiedKFold(5) without shuffling and
    GroupKFold(4) are deterministic in sklearn, so their test folds are
    recorded; cvw must reproduce them exactly.
"""
import json
import math
import platform
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn import metrics
from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold

HERE = Path(__file__).resolve().parent


def binary_metrics(y, s, w, threshold):
    pred = (s >= threshold).astype(int)
    kw = {} if w is None else {"sample_weight": w}
    return {
        "rocAUC": float(metrics.roc_auc_score(y, s, **kw)),
        "averagePrecision": float(metrics.average_precision_score(y, s, **kw)),
        "logLoss": float(metrics.log_loss(y, s, labels=[0, 1], **kw)),
        "brierScore": float(metrics.brier_score_loss(y, s, **kw)),
        "accuracy": float(metrics.accuracy_score(y, pred, **kw)),
        "precision": float(metrics.precision_score(y, pred, zero_division=0, **kw)),
        "recall": float(metrics.recall_score(y, pred, zero_division=0, **kw)),
        "f1": float(metrics.f1_score(y, pred, zero_division=0, **kw)),
    }


def floats(a):
    """A float array as a JSON list, +inf written as the string "Infinity"."""
    return [x if math.isfinite(x) else ("Infinity" if x > 0 else "-Infinity") for x in np.asarray(a, float).tolist()]


def curves(y, s, w):
    kw = {} if w is None else {"sample_weight": w}
    out = {}
    for drop in (True, False):
        fpr, tpr, thr = metrics.roc_curve(y, s, drop_intermediate=drop, **kw)
        out["roc" if drop else "rocAll"] = {"falsePositiveRate": floats(fpr), "truePositiveRate": floats(tpr),
                                            "thresholds": floats(thr)}
        p, r, thr = metrics.precision_recall_curve(y, s, drop_intermediate=drop, **kw)
        out["precisionRecallDropped" if drop else "precisionRecall"] = {
            "precision": floats(p), "recall": floats(r), "thresholds": floats(thr)}
    return out


def make_case(name, y, s, w=None, thresholds=(0.5,)):
    y = np.asarray(y, dtype=int)
    s = np.asarray(s, dtype=float)
    return {
        **curves(y, s, w),
        "name": name,
        "labels": y.tolist(),
        "scores": s.tolist(),
        "weights": None if w is None else np.asarray(w, dtype=float).tolist(),
        "thresholds": [
            {"threshold": t, **binary_metrics(y, s, w, t)} for t in thresholds
        ],
    }


def cases():
    rng = np.random.default_rng(20260101)
    out = []
    # 1. Scores rounded to two decimals: many ties.
    n = 503
    s = np.round(rng.beta(2, 3, n), 2)
    y = (rng.random(n) < s).astype(int)
    out.append(make_case("ties", y, s, thresholds=(0.5, 0.3, 0.41)))
    # 2. The same with sample weights, some of them zero.
    w = rng.uniform(0.5, 3.0, n)
    w[rng.random(n) < 0.05] = 0.0
    out.append(make_case("weighted", y, s, w, thresholds=(0.5, 0.3)))
    # 3. Continuous scores, integer weights (frequency weights).
    n = 400
    s = rng.random(n)
    y = (rng.random(n) < s**2).astype(int)
    w = rng.integers(1, 5, n).astype(float)
    out.append(make_case("continuous-integer-weights", y, s, w))
    # 4. A perfect classifier with scores of exactly 0 and 1 (log-loss clipping).
    y = np.array([0, 0, 0, 1, 1, 0, 1, 1, 0, 1])
    s = np.array([0.0, 0.1, 0.2, 1.0, 0.9, 0.0, 0.8, 1.0, 0.3, 0.7])
    out.append(make_case("perfect", y, s, thresholds=(0.5, 0.75)))
    # 5. A constant score: AUC 1/2, AP = prevalence, no predicted positives at 0.5.
    y = (rng.random(60) < 0.3).astype(int)
    s = np.full(60, 0.3)
    out.append(make_case("constant", y, s, thresholds=(0.5, 0.3)))
    # 6. Reversed (worst) classifier, with weights.
    y = np.array([1, 1, 0, 0, 1, 0])
    s = np.array([0.1, 0.2, 0.9, 0.8, 0.2, 0.6])
    w = np.array([1.0, 2.0, 0.5, 1.5, 1.0, 3.0])
    out.append(make_case("reversed-weighted", y, s, w))
    return out


def qcut_deciles(rank):
    return pd.qcut(rank, 10, labels=False) + 1


def check_decile_rule():
    for n in range(2, 2001):
        r = np.arange(1, n + 1, dtype=float)
        expected = np.asarray(qcut_deciles(pd.Series(r)))
        rule = np.array([max(1, -((-10 * (k - 1)) // (n - 1))) for k in range(1, n + 1)])
        if not np.array_equal(expected, rule):
            sys.exit(f"decile rule differs from pandas qcut at n = {n}")


def tables():
    rng = np.random.default_rng(7)
    n = 1237
    s = np.round(rng.beta(1.5, 4, n), 3)  # ties
    y = (rng.random(n) < s).astype(int)
    df = pd.DataFrame({"y": y, "s": s})
    overall = y.mean()
    total_pos = y.sum()
    df["rank"] = df["s"].rank(method="first", ascending=False)
    df["decile"] = qcut_deciles(df["rank"])
    g = df.groupby("decile").agg(count=("y", "size"), positives=("y", "sum"), rate=("y", "mean"),
                                 minScore=("s", "min"), maxScore=("s", "max"))
    g["lift"] = g["rate"] / overall
    g["cumulativeGain"] = g["positives"].cumsum() / total_pos
    lift = [{"decile": int(d), "count": int(r["count"]), "positives": int(r["positives"]),
             "rate": float(r["rate"]), "lift": float(r["lift"]), "cumulativeGain": float(r["cumulativeGain"]),
             "minScore": float(r["minScore"]), "maxScore": float(r["maxScore"])}
            for d, r in g.iterrows()]
    df["crank"] = df["s"].rank(method="first")
    df["bin"] = qcut_deciles(df["crank"])
    c = df.groupby("bin").agg(count=("y", "size"), meanPredicted=("s", "mean"), observedRate=("y", "mean"))
    calibration = [{"bin": int(b), "count": int(r["count"]), "meanPredicted": float(r["meanPredicted"]),
                    "observedRate": float(r["observedRate"])} for b, r in c.iterrows()]
    return {"labels": y.tolist(), "scores": s.tolist(), "lift": lift, "calibration": calibration}


def holdout():
    rng = np.random.default_rng(11)
    n = 800
    freq = rng.negative_binomial(0.6, 0.25, n).astype(float)
    actual = rng.poisson(0.3 + 0.4 * freq).astype(float)
    predicted = 0.25 + 0.38 * freq + rng.normal(0, 0.05, n)
    predicted = np.clip(predicted, 0, None)
    k = 7
    df = pd.DataFrame({"f": freq, "a": actual, "p": predicted})
    df["bucket"] = np.minimum(df["f"], k).astype(int)
    g = df.groupby("bucket").agg(customers=("a", "size"), meanActual=("a", "mean"), meanPredicted=("p", "mean"))
    err = predicted - actual
    return {
        "calibrationFrequency": freq.tolist(), "actual": actual.tolist(), "predicted": predicted.tolist(),
        "maxFrequency": k,
        "meanAbsoluteError": float(np.mean(np.abs(err))),
        "rootMeanSquaredError": float(np.sqrt(np.mean(err**2))),
        "totalPredicted": float(predicted.sum()), "totalActual": float(actual.sum()),
        "byFrequency": [{"frequency": int(b), "customers": int(r["customers"]), "meanActual": float(r["meanActual"]),
                         "meanPredicted": float(r["meanPredicted"])} for b, r in g.iterrows()],
    }


def splitters():
    rng = np.random.default_rng(5)
    n = 47
    y = (rng.random(n) < 0.3).astype(int)
    groups = rng.integers(0, 13, n)
    kf = [t.tolist() for _, t in KFold(5).split(np.zeros(n))]
    skf = [t.tolist() for _, t in StratifiedKFold(5).split(np.zeros(n), y)]
    gkf = [t.tolist() for _, t in GroupKFold(4).split(np.zeros(n), y, groups)]
    return {"count": n, "labels": y.tolist(), "groups": groups.tolist(),
            "kFold5": kf, "stratifiedKFold5": skf, "groupKFold4": gkf}


def main():
    check_decile_rule()
    out = {
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "pandas": pd.__version__, "scikit-learn": sklearn.__version__},
        "cases": cases(),
        "tables": tables(),
        "holdout": holdout(),
        "splitters": splitters(),
    }
    (HERE / "metrics_reference.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
