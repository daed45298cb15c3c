#!/usr/bin/env python3
"""Reference RFM scores, segments and ABC classes for CDNOW, computed with
pandas independently of cvw, for Tests/ModelsTests/RFMTests.swift (scores,
segments) and Tests/ModelsTests/ABCTests.swift (classes).

How to regenerate (numpy 2, pandas 3; any directory, paths are resolved
from this file):

    /work/venv/bin/python Tests/ModelsTests/Fixtures/make_rfm_fixtures.py

Data: notebooks-data/summary.csv (CDNOW 1/10 calibration summary, 2,357
customers, weeks; recency = age at the last repeat purchase, T = age at the
end of calibration, monetary_value = mean spend of the repeat purchases).

Rules computed here (cvw's, see Sources/Models/QuantileScore.swift,
RFMScores.swift, RFMSegment.swift, ABCClassification.swift):

  score = 1 + floor(5 * (rank_avg - 1/2) / n), rank_avg = pandas
  rank(method="average") = below + (tied + 1)/2, so the score of the middle
  of each tie group, cross-checked against the integer statement
  1 + floor(5 * (2*below + tied) / (2*n)) with numpy.
  R ranks -(T - recency), rounded to 1e-9, over all customers; F ranks
  frequency and M ranks monetary_value over the customers with
  frequency > 0 (n = their number); frequency 0 scores F = 1 and M = 1.
  Segments: the first matching box of RULES below.
  ABC by revenue = frequency * monetary_value: A if the customers of strictly
  greater revenue hold < 80% of the total, B if < 95%, else C.

Output: cdnow_rfm.csv (customer_id, recency_score, frequency_score,
monetary_score, segment, abc_class). The script also prints how pandas
qcut(duplicates="drop") would score the same columns, for the README.
"""
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2] / "notebooks-data" / "summary.csv"

# (segment, R range, F range, M range), first match wins.
RULES = [
    ("champions", (4, 5), (4, 5), (4, 5)),
    ("loyal", (3, 5), (4, 5), (1, 5)),
    ("potential loyalists", (4, 5), (2, 3), (1, 5)),
    ("new", (5, 5), (1, 1), (1, 5)),
    ("promising", (4, 4), (1, 1), (1, 5)),
    ("need attention", (3, 3), (3, 3), (1, 5)),
    ("about to sleep", (3, 3), (1, 2), (1, 5)),
    ("can't lose", (1, 2), (4, 5), (4, 5)),
    ("at risk", (1, 2), (3, 5), (1, 5)),
    ("lost", (1, 1), (1, 1), (1, 5)),
    ("hibernating", (1, 2), (1, 2), (1, 5)),
]


def scores(values: pd.Series, ranked: pd.Series | None = None) -> pd.Series:
    """Mid-rank quintile scores of `values` among `ranked` (default all); the rest score 1."""
    ranked = pd.Series(True, index=values.index) if ranked is None else ranked
    out = pd.Series(1, index=values.index)
    v = values[ranked]
    n = len(v)
    if n == 0:
        return out
    by_rank = 1 + np.floor(5 * (v.rank(method="average") - 0.5) / n).astype(int)
    x = v.to_numpy()
    below = (x[None, :] < x[:, None]).sum(axis=1)
    tied = (x[None, :] == x[:, None]).sum(axis=1)
    by_count = 1 + (5 * (2 * below + tied)) // (2 * n)
    assert (by_rank.to_numpy() == by_count).all(), "the two statements of the rule disagree"
    out[ranked] = by_rank
    return out


def segment(r: int, f: int, m: int) -> str:
    for name, (r0, r1), (f0, f1), (m0, m1) in RULES:
        if r0 <= r <= r1 and f0 <= f <= f1 and m0 <= m <= m1:
            return name
    raise AssertionError(f"cell {r}{f}{m} has no segment")


def main() -> None:
    s = pd.read_csv(DATA)
    since = ((s["T"] - s["recency"]) * 1e9).round() / 1e9
    out = pd.DataFrame({"customer_id": s["customer_id"]})
    out["recency_score"] = scores(-since)
    repeat_buyers = s["frequency"] > 0
    out["frequency_score"] = scores(s["frequency"], repeat_buyers)
    out["monetary_score"] = scores(s["monetary_value"], repeat_buyers)
    out["segment"] = [segment(*cell) for cell in out[["recency_score", "frequency_score", "monetary_score"]].itertuples(index=False)]

    revenue = s["frequency"] * s["monetary_value"]
    total = revenue.sum()
    by_value = revenue.groupby(revenue).sum().sort_index(ascending=False)
    above = (by_value.cumsum() - by_value) / total  # share held by strictly greater values
    share_above = revenue.map(above)
    out["abc_class"] = np.where(share_above < 0.8, "A", np.where(share_above < 0.95, "B", "C"))

    out.to_csv(HERE / "cdnow_rfm.csv", index=False)

    print("score counts (cvw rule):")
    for column in ["recency_score", "frequency_score", "monetary_score"]:
        print(f"  {column}: {out[column].value_counts().reindex(range(1, 6), fill_value=0).tolist()}")
    print("pandas qcut(q=5, duplicates='drop') + 1 on the same columns:")
    for name, values in [("recency", -since), ("frequency", s["frequency"]), ("monetary", s["monetary_value"])]:
        codes = pd.qcut(values, 5, labels=False, duplicates="drop") + 1
        print(f"  {name}: {codes.value_counts().sort_index().to_dict()}")
    repeat = s[s["frequency"] > 0]
    print("pandas qcut(q=5, duplicates='drop') + 1 among the customers with frequency > 0:")
    for name in ["frequency", "monetary_value"]:
        codes = pd.qcut(repeat[name], 5, labels=False, duplicates="drop") + 1
        print(f"  {name}: {codes.value_counts().sort_index().to_dict()}")
    print("segments:", out["segment"].value_counts().to_dict())
    print("ABC:", out["abc_class"].value_counts().sort_index().to_dict())


if __name__ == "__main__":
    main()
