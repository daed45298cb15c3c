#!/usr/bin/env python3
"""Reference numbers for the model charts of cvw's report (Models:
probabilityOfPurchases, PeriodTransactions, FrequencyRecencyGrid,
CumulativeTransactions), from lifetimes 0.11.3 and independent numerical
integration.

How to regenerate (lifetimes needs its own venv; see make_clv_fixtures.py):

    /work/venv-lifetimes/bin/python Tests/ModelsTests/Fixtures/make_chart_fixtures.py

It writes chart_reference.json next to itself (versions under "versions").
Data: notebooks-data/summary.csv (CDNOW calibration summary, weeks) and
notebooks-data/transactions.csv (the CDNOW log it summarises).

Contents, each for bgnbd, mbgnbd and pnbd fitted by lifetimes
(BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter, penalizer 0, default
tol) on summary.csv; all numbers below are at those parameters ("params"):

  probabilities   P(X(t) = k) for t in TIMES, k = 0..KMAX.
                  bgnbd, mbgnbd: the fitter's probability_of_n_purchases_up_to_time.
                  pnbd: lifetimes has no such function; an independent
                  computation by numerical integration (scipy quad) of
                      NB(k; r, α, t)·(β/(β+t))^s + ∫₀ᵗ NB(k; r, α, τ)·(s/β)(β/(β+τ))^(s+1) dτ
                  (alive at t, or died at τ ≤ t after k purchases: λ integrated
                  out analytically, μ's gamma mixing turned into the Lomax
                  density of the death time), checked against a 2-D
                  integration over both gamma mixing densities at a few points.
  periodTransactions  k = 0..6 and "7+": actual = value_counts of frequency;
                  expected = Σᵢ P(X(Tᵢ) = k) over the 2,357 customers (the
                  lifetimes function per customer for bgnbd/mbgnbd, the
                  integral above for pnbd); "7+" expected = Σᵢ (1 − Σₖ₌₀⁶ P).
  grid            lifetimes' plot_frequency_recency_matrix and
                  plot_probability_alive_matrix conventions: max_frequency =
                  max frequency, max_recency = int(max T), T = max_recency,
                  horizon 1; the matrices [recency][frequency] of
                  conditional_expected_number_of_purchases_up_to_time(1, x, tₓ, T)
                  and conditional_probability_alive(x, tₓ, T).
  cumulative      lifetimes.utils.expected_cumulative_transactions(model,
                  transactions, "date", "customer_id", t=546, freq="D",
                  freq_multiplier=7): 78 weekly periods, from the daily log.
                  "ownMonthly": the same definition with periods of
                  365.25/12 days (lifetimes takes only whole multipliers), computed
                  here with numpy: period j ends at day S + j·L (S the first
                  day, L the period length in days); actual_j = repeat purchase
                  days (a customer's purchases on one day are one) before it,
                  expected_j = Σ over customers born (first purchase day b)
                  before it of E[X((S + j·L − b)/u)], u = 7 days (the model's unit).
"""
import json
import math
import platform
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import lifetimes
from lifetimes import BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter
from lifetimes.utils import expected_cumulative_transactions
from scipy import integrate
from scipy.special import gammaln

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
TIMES = [0.5, 1.0, 10.0, 38.86, 78.0]
KMAX = 12
MAX_FREQ = 7


def nb_pmf(k, r, alpha, t):
    """Γ(r+k)/(Γ(r)k!)·(α/(α+t))^r·(t/(α+t))^k, the gamma–Poisson pmf."""
    log = gammaln(r + k) - gammaln(r) - gammaln(k + 1) + r * np.log(alpha / (alpha + t))
    if k > 0:
        log += k * np.log(t / (alpha + t))
    return np.exp(log)


def pnbd_pmf(k, t, r, alpha, s, beta):
    died = integrate.quad(lambda tau: nb_pmf(k, r, alpha, tau) * s / beta * (beta / (beta + tau)) ** (s + 1),
                          0, t, epsabs=0, epsrel=1e-13, limit=500)[0]
    return nb_pmf(k, r, alpha, t) * (beta / (beta + t)) ** s + died


def pnbd_pmf_2d(k, t, r, alpha, s, beta):
    """E over λ ~ Γ(r, α), μ ~ Γ(s, β) of e^{−(λ+μ)t}(λt)^k/k! + μλ^k/(λ+μ)^{k+1}·P(Γ(k+1, λ+μ) ≤ t)."""
    from scipy.stats import gamma as G
    def f(mu, lam):
        dens = G.pdf(lam, r, scale=1 / alpha) * G.pdf(mu, s, scale=1 / beta)
        alive = math.exp(-(lam + mu) * t + k * math.log(lam * t) - math.lgamma(k + 1)) if lam > 0 else float(k == 0)
        died = mu * lam ** k / (lam + mu) ** (k + 1) * G.cdf(t, k + 1, scale=1 / (lam + mu))
        return dens * (alive + died)
    return integrate.dblquad(f, 0, np.inf, 0, np.inf, epsabs=1e-13, epsrel=1e-10)[0]


def main():
    summary = pd.read_csv(ROOT / "notebooks-data/summary.csv")
    f, rec, T = summary["frequency"], summary["recency"], summary["T"]
    models = {}
    for name, cls in (("bgnbd", BetaGeoFitter), ("mbgnbd", ModifiedBetaGeoFitter), ("pnbd", ParetoNBDFitter)):
        m = cls(penalizer_coef=0.0)
        m.fit(f, rec, T)
        models[name] = m

    out = {"versions": {"python": platform.python_version(), "lifetimes": lifetimes.__version__,
                        "numpy": np.__version__, "pandas": pd.__version__, "scipy": scipy.__version__},
           "times": TIMES, "maxFrequency": MAX_FREQ}
    tx = pd.read_csv(ROOT / "notebooks-data/transactions.csv")
    for name, m in models.items():
        p = {k: float(v) for k, v in m.params_.items()}
        entry = {"params": p}
        if name == "pnbd":
            pmf = lambda k, t: pnbd_pmf(k, t, p["r"], p["alpha"], p["s"], p["beta"])
        else:
            pmf = lambda k, t, m=m: float(m.probability_of_n_purchases_up_to_time(t, k))
        entry["probabilities"] = [[pmf(k, t) for k in range(KMAX + 1)] for t in TIMES]
        if name == "pnbd":
            for t, k in ((1.0, 3), (38.86, 0), (38.86, 5)):
                a, b = pmf(k, t), pnbd_pmf_2d(k, t, p["r"], p["alpha"], p["s"], p["beta"])
                assert abs(a - b) <= 1e-9 * max(a, 1e-300) + 1e-13, (t, k, a, b)
        # Period transactions.
        counts = f.astype(int).value_counts()
        actual = [int(counts.get(k, 0)) for k in range(MAX_FREQ)] + [int(counts[counts.index >= MAX_FREQ].sum())]
        if name == "pnbd":
            # One integral per distinct T (the sum runs over customers all the same).
            cache = {t: [pmf(k, t) for k in range(MAX_FREQ)] for t in np.unique(T)}
            per = np.array([cache[t] for t in T])
        else:
            per = np.array([[pmf(k, t) for k in range(MAX_FREQ)] for t in T])
        expected = list(per.sum(axis=0)) + [float((1 - per.sum(axis=1)).sum())]
        entry["periodTransactions"] = {"actual": actual, "expected": [float(e) for e in expected]}
        # Frequency–recency grid.
        max_f, max_r = int(f.max()), int(T.max())
        xs, ts = np.meshgrid(np.arange(max_f + 1), np.arange(max_r + 1))
        xf, tf = xs.ravel().astype(float), ts.ravel().astype(float)  # ParetoNBDFitter takes 1-D arrays only
        e = np.asarray(m.conditional_expected_number_of_purchases_up_to_time(1, xf, tf, max_r), float).reshape(xs.shape)
        a = np.asarray(m.conditional_probability_alive(xf, tf, max_r), float).reshape(xs.shape)
        entry["grid"] = {"maxFrequency": max_f, "maxRecency": max_r, "horizon": 1,
                         "expectedPurchases": e.tolist(), "probabilityAlive": a.tolist()}
        # Cumulative transactions, lifetimes' own function (daily periods, weekly steps).
        cum = expected_cumulative_transactions(m, tx, "date", "customer_id", 546, freq="D", freq_multiplier=7)
        entry["cumulative"] = {"periods": len(cum), "actual": [float(v) for v in cum["actual"]],
                               "expected": [float(v) for v in cum["predicted"]]}
        entry["ownMonthly"] = own_cumulative(m, tx, 365.25 / 12, 18)
        out[name] = entry
    (HERE / "chart_reference.json").write_text(json.dumps(out, indent=1) + "\n")


def own_cumulative(model, tx, length, periods):
    """The definition in the docstring, for periods of `length` days."""
    days = (pd.to_datetime(tx["date"]) - pd.Timestamp("1970-01-01")).dt.days.to_numpy()
    df = pd.DataFrame({"c": tx["customer_id"].to_numpy(), "d": days}).drop_duplicates()
    start = df["d"].min()
    birth = df.groupby("c")["d"].transform("min")
    repeat_days = df["d"][df["d"] > birth].to_numpy()
    births = df.groupby("c")["d"].min().to_numpy()
    actual, expected = [], []
    for j in range(1, periods + 1):
        end = start + j * length
        actual.append(float((repeat_days < end).sum()))
        born = births[births < end]
        expected.append(float(np.sum(model.expected_number_of_purchases_up_to_time((end - born) / 7.0))))
    return {"periodDays": length, "periods": periods, "actual": actual, "expected": expected}


if __name__ == "__main__":
    main()
