"""Writes notebooks-data/survey.csv: a synthetic customer survey for the
`cvw kpi` demo (CDNOW has no survey). Nothing in it was observed; see
survey.md.

500 respondents drawn without replacement from the CDNOW customer ids, each
answering on a date in 1997-1998 two questions:
  nps   "How likely are you to recommend us?" 0-10, drawn from a fixed
        distribution (about 45% promoters, 30% passives, 25% detractors);
  csat  "How satisfied were you?" 1-5, correlated with the nps answer
        (the rounded nps/2.5 + 1, moved by -1, 0 or +1 at random, clipped);
and about 3% of each column is left blank (unanswered).

Run: /work/venv/bin/python notebooks-data/make_survey.py  (numpy 2, seed 20261122)
"""
from pathlib import Path

import numpy as np

here = Path(__file__).resolve().parent
rng = np.random.default_rng(20261122)
ids = np.unique(np.loadtxt(here / "transactions.csv", delimiter=",", skiprows=1, usecols=0, dtype=int))
n = 500
respondents = np.sort(rng.choice(ids, size=n, replace=False))
nps_p = np.array([2, 1, 2, 3, 3, 6, 8, 12, 18, 22, 23], dtype=float)
nps = rng.choice(11, size=n, p=nps_p / nps_p.sum())
csat = np.clip(np.rint(nps / 2.5 + 1).astype(int) + rng.integers(-1, 2, size=n), 1, 5)
first, last = np.datetime64("1997-01-01"), np.datetime64("1998-06-30")
dates = first + rng.integers(0, int((last - first).astype(int)) + 1, size=n).astype("timedelta64[D]")
blank_nps = rng.random(n) < 0.03
blank_csat = rng.random(n) < 0.03
with open(here / "survey.csv", "w") as f:
    f.write("customer_id,date,nps,csat\n")
    for i in range(n):
        f.write(f"{respondents[i]},{dates[i]},{'' if blank_nps[i] else nps[i]},{'' if blank_csat[i] else csat[i]}\n")
