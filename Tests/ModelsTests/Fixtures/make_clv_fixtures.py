#!/usr/bin/env python3
"""Reference fixtures for cvw's CLV models (BG/NBD, Gamma-Gamma, CLV), from
Python's `lifetimes` 0.11.3.

How to regenerate
-----------------
lifetimes 0.11.3 (the last release) predates numpy 2 / pandas 2.2 / scipy 1.12,
so it needs a venv of its own (not the repository's .venv):

    python3 -m venv /work/venv-lifetimes
    /work/venv-lifetimes/bin/pip install "numpy<2" "pandas<2.2" "scipy<1.12" \\
        autograd dill mpmath lifetimes==0.11.3
    /work/venv-lifetimes/bin/python Tests/ModelsTests/Fixtures/make_clv_fixtures.py

(any directory works; paths are resolved from this file).  The committed
fixtures were produced with

    Python 3.11.7, lifetimes 0.11.3, numpy 1.26.4, pandas 2.1.4, scipy 1.11.4,
    autograd 1.9.1, dill 0.4.1, mpmath 1.4.1 (mpmath only for the independent checks)

(the versions actually used are also written into the JSON under "versions").
The script exits non-zero if a sanity check fails.

Data: notebooks-data/summary.csv (CDNOW 1/10 calibration summary, 2,357
customers, time unit = weeks); published values from notebooks-data/CDNOW.md.

Outputs (next to this script)
-----------------------------
clv_reference.json
    bgnbd               BetaGeoFitter(penalizer_coef=0.0).fit(frequency, recency, T, tol=...)
    gammagamma          GammaGammaFitter(penalizer_coef=0.0).fit(frequency, monetary_value, tol=...)
                        on the 946 repeat buyers (frequency > 0)
    clv                 GammaGammaFitter.customer_lifetime_value(bgf, ..., time=12,
                        discount_rate=0.01, freq="W") and the exact formula lifetimes uses
    atPublishedParameters  the per-customer quantities for the first 20 customers at the
                        published parameters (set by hand on the fitters' params_)
    versions, generator, data, conventions
clv_predictions.csv
    one row per customer of summary.csv, all at lifetimes' fitted parameters:
    customer_id, frequency, recency, T, expected_purchases_39, expected_purchases_52,
    probability_alive, expected_average_spend, clv_12_months
    (the last two empty for frequency 0).  Floats are Python repr (shortest
    round-trip form), so they parse back to the exact float64 lifetimes produced.
"""

import contextlib
import csv
import io
import json
import math
import platform
import sys
import warnings
from importlib import metadata
from pathlib import Path

warnings.simplefilter("ignore")

import autograd
import mpmath
import autograd.numpy as anp
import numpy as np
import pandas as pd
from scipy.special import gammaln

mpmath.mp.dps = 40

from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import ConvergenceError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
DATA = ROOT / "notebooks-data" / "summary.csv"

# Tolerances tried, tightest first; the tightest with which lifetimes' BFGS
# reports success is used (tighter ones stop with scipy's "Desired error not
# necessarily achieved due to precision loss", which lifetimes turns into a
# ConvergenceError).
TOLS = (1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7)

PUBLISHED_BGNBD = {"r": 0.2426, "alpha": 4.4135, "a": 0.7929, "b": 2.4259}
PUBLISHED_BGNBD_SE = {"r": 0.0126, "alpha": 0.378, "a": 0.186, "b": 0.705}
PUBLISHED_BGNBD_LL = -9582.43
PUBLISHED_EXPECTED = {1: 0.0532, 3: 0.1506, 32: 1.0437, 78: 1.8576}
PUBLISHED_CONDITIONAL = 1.226  # t = 39, x = 2, t_x = 30.43, T = 38.86
PUBLISHED_GG = {"p": 6.2488, "q": 3.7446, "v": 15.4477}
PUBLISHED_GG_SE = {"p": 1.19, "q": 0.290, "v": 4.16}
PUBLISHED_GG_LL = -4055.92

NAMED_CUSTOMERS = [1, 2, 157, 1516, 1901]
NAMED_WHY = {
    1: "x = 2, t_x = 30.43, T = 38.86: the paper's worked example",
    2: "x = 1, early last purchase",
    157: "x = 29, the highest frequency",
    1516: "x = 26, t_x = 30.86, T = 31: the BTYD worked example",
    1901: "x = 21, t_x = 4.71, T = 29.29, highest monetary value (299.63): low P(alive)",
}
FIRST_N_PUBLISHED = 20

failures = []
warnings_published = []


def soft(name, ok, detail, why):
    """A comparison with a published rounded value that is known not to hold; recorded, not fatal."""
    print(f"  [{'ok' if ok else 'WARN'}] {name}: {detail}")
    if not ok:
        warnings_published.append({"check": name, "detail": detail, "explanation": why})


def mp_expected(t, r, al, a, b):
    """E[X(t)], FHL 2005 eq. 9, in 40-digit mpmath."""
    t, r, al, a, b = (mpmath.mpf(v) for v in (t, r, al, a, b))
    return (a + b - 1) / (a - 1) * (1 - (al / (al + t)) ** r * mpmath.hyp2f1(r, b, a + b - 1, t / (al + t)))


def mp_conditional(t, x, tx, TT, r, al, a, b):
    """E[Y(t) | x, t_x, T], FHL 2005 eq. 10, in 40-digit mpmath."""
    t, tx, TT, r, al, a, b = (mpmath.mpf(v) for v in (t, tx, TT, r, al, a, b))
    z = t / (al + TT + t)
    num = (a + b + x - 1) / (a - 1) * (1 - ((al + TT) / (al + TT + t)) ** (r + x)
                                        * mpmath.hyp2f1(r + x, b + x, a + b + x - 1, z))
    den = 1 + (a / (b + x - 1) * ((al + TT) / (al + tx)) ** (r + x) if x > 0 else 0)
    return num / den


def check(name, ok, detail):
    print(f"  [{'ok' if ok else 'FAIL'}] {name}: {detail}")
    if not ok:
        failures.append(name)


def fl(x):
    """A plain Python float (json writes it with repr: full precision)."""
    return float(np.asarray(x).reshape(-1)[0]) if np.ndim(x) else float(x)


def fit_tightest(make, fit_args):
    last = None
    for tol in TOLS:
        model = make()
        buf = io.StringIO()
        try:
            with contextlib.redirect_stdout(buf):  # lifetimes prints the scipy result on failure
                model.fit(*fit_args, tol=tol)
        except ConvergenceError as e:
            last = e
            continue
        return model, tol
    raise RuntimeError(f"no tolerance converged: {last}")


def newton_polish(nll, x0, args, iters=20):
    """Newton on lifetimes' own objective (autograd gradient and Hessian) from
    lifetimes' solution; returns the polished log-parameters and the size of
    the first step (how far lifetimes' answer is from the exact optimum)."""
    grad = autograd.grad(nll)
    hess = autograd.hessian(nll)
    x = np.array(x0, dtype=float)
    first_step = None
    for _ in range(iters):
        g = grad(x, *args)
        step = np.linalg.solve(hess(x, *args), g)
        if first_step is None:
            first_step = step.copy()
        x = x - step
        if np.max(np.abs(step)) < 1e-15:
            break
    return x, first_step, grad(np.array(x0, dtype=float), *args)


def versions():
    out = {"python": platform.python_version()}
    for pkg in ("lifetimes", "numpy", "pandas", "scipy", "autograd", "dill", "mpmath"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = None
    return out


def main():
    df = pd.read_csv(DATA, dtype={"customer_id": int, "frequency": int})
    df = df.set_index("customer_id", drop=False)
    n = len(df)
    freq, rec, T, mon = df["frequency"], df["recency"], df["T"], df["monetary_value"]
    repeat = df[df["frequency"] > 0]

    # ------------------------------------------------------------------ BG/NBD
    bgf, bg_tol = fit_tightest(lambda: BetaGeoFitter(penalizer_coef=0.0), (freq, rec, T))
    params = {k: fl(bgf.params_[k]) for k in ("r", "alpha", "a", "b")}
    se = {k: fl(bgf.standard_errors_[k]) for k in ("r", "alpha", "a", "b")}
    scale = 1.0 / float(T.max())  # lifetimes' _scale_time: fits on T / max(T)
    reported_nll_mean = fl(bgf._negative_log_likelihood_)
    ll_scaled_sum = -reported_nll_mean * n
    logp = np.log([params["r"], params["alpha"], params["a"], params["b"]])
    x_arr = freq.to_numpy().astype(int)
    w = np.ones(n, dtype=int)
    args_weeks = (x_arr, rec.to_numpy(), T.to_numpy(), w, 0.0)
    ll_weeks_sum = -fl(BetaGeoFitter._negative_log_likelihood(logp, *args_weeks)) * n
    # the two differ by the Jacobian of the time rescaling, sum(x) * log(scale)
    ll_identity = ll_scaled_sum + float(x_arr.sum()) * math.log(scale)

    polished_log, step, grad_at_fit = newton_polish(BetaGeoFitter._negative_log_likelihood, logp, args_weeks)
    polished = dict(zip(("r", "alpha", "a", "b"), map(float, np.exp(polished_log))))
    ll_polished = -fl(BetaGeoFitter._negative_log_likelihood(polished_log, *args_weeks)) * n

    # variance matrix: lifetimes' as reported, and the symmetric delta-method one
    hinv = np.linalg.inv(bgf._hessian_)
    pvec = bgf.params_.to_numpy()
    cov_delta = (np.outer(pvec, pvec) * hinv / n)

    expected = {str(t): fl(bgf.expected_number_of_purchases_up_to_time(t)) for t in (1, 3, 32, 78)}
    cond = fl(bgf.conditional_expected_number_of_purchases_up_to_time(39, 2, 30.43, 38.86))
    pn = {str(k): fl(bgf.probability_of_n_purchases_up_to_time(39, k)) for k in range(6)}

    bgnbd = {
        "call": f"BetaGeoFitter(penalizer_coef=0.0).fit(frequency, recency, T, tol={bg_tol!r})",
        "tolUsed": bg_tol,
        "tolNote": "tol is lifetimes' fit kwarg, passed to scipy.optimize.minimize (method=None -> BFGS, "
                   "i.e. gtol on the gradient of the MEAN negative log-likelihood in log-parameters, "
                   "time scaled by 1/max(T)). The tightest of "
                   f"{list(TOLS)} that converged is used; tighter ones end in BFGS 'precision loss', "
                   "which lifetimes raises as ConvergenceError. Default tol is 1e-7.",
        "params": params,
        "standardErrors": se,
        "standardErrorMethod": "lifetimes BaseFitter._compute_variance_matrix: H = autograd Hessian of the "
                               "MEAN negative log-likelihood (sum / number of customers) w.r.t. log-parameters "
                               "(alpha on the 1/max(T)-scaled time axis; d log alpha is the same on both axes), "
                               "variance_ij = params_j^2 * inv(H)_ij / n (delta method from log to natural "
                               "parameters on the observed information n*H). Diagonal = correct delta-method "
                               "variance; the off-diagonal of lifetimes' variance_matrix_ is NOT symmetric "
                               "(it multiplies by params_j^2 instead of params_i*params_j), see covarianceDeltaMethod.",
        "varianceMatrixLifetimes": [[float(v) for v in row] for row in bgf.variance_matrix_.to_numpy()],
        "covarianceDeltaMethod": [[float(v) for v in row] for row in cov_delta],
        "covarianceOrder": ["r", "alpha", "a", "b"],
        "logLikelihood": ll_weeks_sum,
        "logLikelihoodNote": "SUM over customers of the BG/NBD log-likelihood with time in weeks (Fader-Hardie-Lee "
                             "2005 eq. 6, full, no constant dropped). lifetimes 0.11.3 has no log_likelihood_ "
                             "attribute: it stores _negative_log_likelihood_ = the MEAN negative log-likelihood "
                             "(divided by the sum of weights) on the rescaled time axis (recency, T times "
                             "1/max(T)), plus the penalizer (0 here). Rescaling time by s adds sum(x)*log(1/s) "
                             "to the log-likelihood (Jacobian of the purchase times).",
        "lifetimesReported": {
            "_negative_log_likelihood_": reported_nll_mean,
            "timeScale": scale,
            "minusNTimesReported": ll_scaled_sum,
            "minusNTimesReportedPlusSumXTimesLogScale": ll_identity,
            "sumFrequency": int(x_arr.sum()),
        },
        "optimality": {
            "gradientOfMeanNLLAtFit_logParams": [float(v) for v in grad_at_fit],
            "newtonStepAtFit_logParams": [float(v) for v in step],
            "newtonPolishedParams": polished,
            "newtonPolishedLogLikelihood": ll_polished,
            "note": "Newton on lifetimes' own objective (autograd) from lifetimes' solution: the distance of "
                    "lifetimes' params to the exact maximum-likelihood estimate (a step of d in log-parameters "
                    "is a relative change of about d). Per-customer fixtures use lifetimes' params, not these.",
        },
        "expectedNumberOfPurchasesUpToTime": expected,
        "conditionalExpectedNumberOfPurchasesUpToTime": {
            "t": 39, "frequency": 2, "recency": 30.43, "T": 38.86, "value": cond,
        },
        "probabilityOfNPurchasesUpToTime": {"t": 39, "byN": pn},
        "independentMpmath": {
            "expectedNumberOfPurchasesUpToTime": {str(t): float(mp_expected(t, *params.values()))
                                                  for t in (1, 3, 32, 78)},
            "conditionalExpected39_x2_tx30.43_T38.86": float(mp_conditional(39, 2, 30.43, 38.86, *params.values())),
            "note": "the same quantities at the same params with 40-digit mpmath (hyp2f1) from FHL 2005 eqs. 9 "
                    "and 10, independent of lifetimes and scipy",
        },
        "published": {
            "params": PUBLISHED_BGNBD, "standardErrors": PUBLISHED_BGNBD_SE, "logLikelihood": PUBLISHED_BGNBD_LL,
            "expectedNumberOfPurchasesUpToTime": {str(k): v for k, v in PUBLISHED_EXPECTED.items()},
            "conditionalExpected39": PUBLISHED_CONDITIONAL,
        },
    }

    # ----------------------------------------------------------- Gamma-Gamma
    ggf, gg_tol = fit_tightest(lambda: GammaGammaFitter(penalizer_coef=0.0),
                               (repeat["frequency"], repeat["monetary_value"]))
    gparams = {k: fl(ggf.params_[k]) for k in ("p", "q", "v")}
    gse = {k: fl(ggf.standard_errors_[k]) for k in ("p", "q", "v")}
    nr = len(repeat)
    g_reported = fl(ggf._negative_log_likelihood_)
    xr = repeat["frequency"].to_numpy().astype(float)
    mr = repeat["monetary_value"].to_numpy()
    p_, q_, v_ = gparams["p"], gparams["q"], gparams["v"]
    # independent evaluation with scipy: density of the mean spend m given x (Fader-Hardie note 025, eq. 1a)
    ll_full = float(np.sum(gammaln(p_ * xr + q_) - gammaln(p_ * xr) - gammaln(q_) + q_ * np.log(v_)
                           + (p_ * xr - 1) * np.log(mr) + p_ * xr * np.log(xr)
                           - (p_ * xr + q_) * np.log(xr * mr + v_)))
    g_args = (xr, mr, np.ones(nr, dtype=int), 0.0)
    glog = np.log([p_, q_, v_])
    gpol_log, gstep, ggrad = newton_polish(GammaGammaFitter._negative_log_likelihood, glog, g_args)
    gpol = dict(zip(("p", "q", "v"), map(float, np.exp(gpol_log))))
    gvec = ggf.params_.to_numpy()
    gcov = np.outer(gvec, gvec) * np.linalg.inv(ggf._hessian_) / nr

    named = df.loc[NAMED_CUSTOMERS]
    profit = ggf.conditional_expected_average_profit(named["frequency"], named["monetary_value"])
    gg_customers = [
        {"customer_id": int(c), "why": NAMED_WHY[c], "frequency": int(named.at[c, "frequency"]),
         "monetary_value": float(named.at[c, "monetary_value"]),
         "conditionalExpectedAverageProfit": float(profit.loc[c])}
        for c in NAMED_CUSTOMERS
    ]
    gammagamma = {
        "call": f"GammaGammaFitter(penalizer_coef=0.0).fit(frequency, monetary_value, tol={gg_tol!r}) "
                "on the customers with frequency > 0",
        "tolUsed": gg_tol,
        "customers": nr,
        "params": gparams,
        "standardErrors": gse,
        "standardErrorMethod": "as for bgnbd: params_j^2 * inv(H)_jj / n, H = autograd Hessian of the mean "
                               "negative log-likelihood in log-parameters, n = 946",
        "varianceMatrixLifetimes": [[float(v) for v in row] for row in ggf.variance_matrix_.to_numpy()],
        "covarianceDeltaMethod": [[float(v) for v in row] for row in gcov],
        "covarianceOrder": ["p", "q", "v"],
        "logLikelihood": -g_reported * nr,
        "logLikelihoodNote": "SUM over the repeat buyers = -n * lifetimes' _negative_log_likelihood_ (lifetimes "
                             "stores the MEAN). lifetimes' Gamma-Gamma likelihood drops NO constant: it is the "
                             "full density of the mean spend m given x (Fader-Hardie note 025 eq. 1a): "
                             "lgamma(px+q) - lgamma(px) - lgamma(q) + q log v + (px-1) log m + px log x "
                             "- (px+q) log(xm+v); logLikelihoodIndependent re-evaluates it with scipy. "
                             "(It is the density of the mean, not of the x individual spends, which are not in "
                             "summary.csv.) No time scaling is involved.",
        "logLikelihoodIndependent": ll_full,
        "lifetimesReported": {"_negative_log_likelihood_": g_reported},
        "optimality": {
            "gradientOfMeanNLLAtFit_logParams": [float(v) for v in ggrad],
            "newtonStepAtFit_logParams": [float(v) for v in gstep],
            "newtonPolishedParams": gpol,
        },
        "conditionalExpectedAverageProfitFormula":
            "E[M | x, m] = (1 - w) * v*p/(q-1) + w * m,  w = p*x / (p*x + q - 1)  (note 025 eq. 5); "
            "lifetimes applies it to any x, so x = 0 gives the population mean v*p/(q-1).",
        "conditionalExpectedAverageProfit": gg_customers,
        "populationMeanSpend": v_ * p_ / (q_ - 1),
        "published": {"params": PUBLISHED_GG, "standardErrors": PUBLISHED_GG_SE, "logLikelihood": PUBLISHED_GG_LL},
    }

    # -------------------------------------------------------------------- CLV
    def clv_of(sub, g, b):
        return g.customer_lifetime_value(b, sub["frequency"], sub["recency"], sub["T"], sub["monetary_value"],
                                         time=12, discount_rate=0.01, freq="W")

    clv_named = clv_of(named, ggf, bgf)

    # independent re-implementation of lifetimes.utils._customer_lifetime_value, to pin the description down
    def clv_reimpl(b, x, tx, TT, m_adj, time=12, d=0.01, factor=4.345):
        total = np.zeros(len(x))
        for i in np.arange(1, time + 1) * factor:
            n_i = (b.conditional_expected_number_of_purchases_up_to_time(i, x, tx, TT)
                   - b.conditional_expected_number_of_purchases_up_to_time(i - factor, x, tx, TT))
            total = total + m_adj * n_i / (1 + d) ** (i / factor)
        return total

    m_adj_named = ggf.conditional_expected_average_profit(named["frequency"], named["monetary_value"]).to_numpy()
    re_named = clv_reimpl(bgf, named["frequency"].to_numpy(), named["recency"].to_numpy(),
                          named["T"].to_numpy(), m_adj_named)
    c1 = df.loc[[1]]
    breakdown = []
    for k, i in enumerate(np.arange(1, 13) * 4.345, start=1):
        hi = fl(bgf.conditional_expected_number_of_purchases_up_to_time(i, 2, 30.43, 38.86))
        lo = fl(bgf.conditional_expected_number_of_purchases_up_to_time(i - 4.345, 2, 30.43, 38.86))
        breakdown.append({"month": k, "tEnd": float(i), "tStart": float(i - 4.345),
                          "expectedTransactions": hi - lo, "discountFactor": float(1.0 / 1.01 ** (i / 4.345))})
    zero = df.loc[[3]]
    clv = {
        "call": "GammaGammaFitter.customer_lifetime_value(bgf, frequency, recency, T, monetary_value, "
                "time=12, discount_rate=0.01, freq='W') with the fitted bgnbd and gammagamma models",
        "time": 12, "discountRate": 0.01, "freq": "W",
        "formula": (
            "lifetimes.utils._customer_lifetime_value (0.11.3). First m_adj = "
            "GammaGammaFitter.conditional_expected_average_profit(frequency, monetary_value) (the raw monetary_value "
            "is replaced by the Gamma-Gamma conditional mean). factor = {'W': 4.345, 'M': 1.0, 'D': 30, 'H': 720}[freq] "
            "= time units per month (4.345 weeks, 30 days, 720 hours). clv = 0; for k in 1..time (months): "
            "i = k*factor (computed as numpy.arange(1, time+1) * factor, float64); "
            "n_k = E[X(i) | x, t_x, T] - E[X(i - factor) | x, t_x, T] with E = "
            "BetaGeoFitter.conditional_expected_number_of_purchases_up_to_time (= model.predict; E at t = 0 is 0); "
            "clv += m_adj * n_k / (1 + discount_rate) ** (i / factor)  (i.e. discounted by (1+d)^k at the END of "
            "month k, no mid-period convention, monthly rate d). So clv = sum_{k=1..12} m_adj * "
            "[E(4.345k) - E(4.345(k-1))] / 1.01^k for weekly data. It is defined for frequency 0 too "
            "(m_adj = population mean), though the CSV leaves those empty."),
        "customers": [
            {"customer_id": int(c), "frequency": int(named.at[c, "frequency"]),
             "recency": float(named.at[c, "recency"]), "T": float(named.at[c, "T"]),
             "monetary_value": float(named.at[c, "monetary_value"]),
             "adjustedMonetaryValue": float(m_adj_named[j]),
             "clv": float(clv_named.loc[c])}
            for j, c in enumerate(NAMED_CUSTOMERS)
        ],
        "monthlyBreakdownCustomer1": breakdown,
        "frequencyZeroExample": {"customer_id": 3, "clv": float(clv_of(zero, ggf, bgf).iloc[0]),
                                 "note": "what lifetimes returns for a frequency-0 customer (m_adj = population mean)"},
    }

    # ------------------------------------------------------ predictions CSV
    e39 = np.asarray(bgf.conditional_expected_number_of_purchases_up_to_time(39, freq, rec, T), dtype=float)
    e52 = np.asarray(bgf.conditional_expected_number_of_purchases_up_to_time(52, freq, rec, T), dtype=float)
    palive = np.asarray(bgf.conditional_probability_alive(freq, rec, T), dtype=float)
    spend = ggf.conditional_expected_average_profit(repeat["frequency"], repeat["monetary_value"])
    clv_all = clv_of(repeat, ggf, bgf)
    out_csv = HERE / "clv_predictions.csv"
    with open(out_csv, "w", newline="") as fh:
        wtr = csv.writer(fh, lineterminator="\n")
        wtr.writerow(["customer_id", "frequency", "recency", "T", "expected_purchases_39", "expected_purchases_52",
                      "probability_alive", "expected_average_spend", "clv_12_months"])
        for j, c in enumerate(df.index):
            rep = df.at[c, "frequency"] > 0
            wtr.writerow([int(c), int(df.at[c, "frequency"]), repr(float(df.at[c, "recency"])),
                          repr(float(df.at[c, "T"])), repr(float(e39[j])), repr(float(e52[j])),
                          repr(float(palive[j])),
                          repr(float(spend.loc[c])) if rep else "", repr(float(clv_all.loc[c])) if rep else ""])

    # ------------------------------------------------ at published parameters
    bpub = BetaGeoFitter(penalizer_coef=0.0)
    bpub.params_ = pd.Series([PUBLISHED_BGNBD[k] for k in ("r", "alpha", "a", "b")], index=["r", "alpha", "a", "b"])
    bpub.predict = bpub.conditional_expected_number_of_purchases_up_to_time  # what fit() sets; CLV calls predict
    gpub = GammaGammaFitter(penalizer_coef=0.0)
    gpub.params_ = pd.Series([PUBLISHED_GG[k] for k in ("p", "q", "v")], index=["p", "q", "v"])
    first = df.iloc[:FIRST_N_PUBLISHED]
    f_rep = first[first["frequency"] > 0]
    p39 = np.asarray(bpub.conditional_expected_number_of_purchases_up_to_time(39, first["frequency"], first["recency"], first["T"]), dtype=float)
    p52 = np.asarray(bpub.conditional_expected_number_of_purchases_up_to_time(52, first["frequency"], first["recency"], first["T"]), dtype=float)
    ppa = np.asarray(bpub.conditional_probability_alive(first["frequency"], first["recency"], first["T"]), dtype=float)
    pspend = gpub.conditional_expected_average_profit(f_rep["frequency"], f_rep["monetary_value"])
    pclv = clv_of(f_rep, gpub, bpub)
    at_pub = {
        "bgnbdParams": PUBLISHED_BGNBD,
        "gammagammaParams": PUBLISHED_GG,
        "note": "Fitters built without fit(): params_ set by hand to the published values (BG/NBD: Fader, Hardie & "
                "Lee 2005; Gamma-Gamma: Fader & Hardie 2013 / CLVTools, as in CDNOW.md), predict = "
                "conditional_expected_number_of_purchases_up_to_time. expected_average_spend and clv_12_months use "
                "the published Gamma-Gamma parameters and are null for frequency 0. clv as in 'clv' "
                "(time=12, discount_rate=0.01, freq='W').",
        "expectedNumberOfPurchasesUpToTime": {str(t): fl(bpub.expected_number_of_purchases_up_to_time(t))
                                              for t in (1, 3, 32, 78)},
        "conditionalExpected39_x2_tx30.43_T38.86": fl(bpub.conditional_expected_number_of_purchases_up_to_time(39, 2, 30.43, 38.86)),
        "probabilityOfNPurchasesUpToTime39": {str(k): fl(bpub.probability_of_n_purchases_up_to_time(39, k)) for k in range(6)},
        "customers": [
            {"customer_id": int(c), "frequency": int(first.at[c, "frequency"]),
             "recency": float(first.at[c, "recency"]), "T": float(first.at[c, "T"]),
             "monetary_value": float(first.at[c, "monetary_value"]),
             "expected_purchases_39": float(p39[j]), "expected_purchases_52": float(p52[j]),
             "probability_alive": float(ppa[j]),
             "expected_average_spend": float(pspend.loc[c]) if first.at[c, "frequency"] > 0 else None,
             "clv_12_months": float(pclv.loc[c]) if first.at[c, "frequency"] > 0 else None}
            for j, c in enumerate(first.index)
        ],
    }

    ref = {
        "generator": "Tests/ModelsTests/Fixtures/make_clv_fixtures.py (venv /work/venv-lifetimes, see its docstring)",
        "versions": versions(),
        "data": {"file": "notebooks-data/summary.csv", "customers": n, "repeatBuyers": nr, "timeUnit": "week"},
        "conventions": {
            "params": "natural scale; alpha in weeks (lifetimes fits on T/max(T) and divides alpha back)",
            "logLikelihood": "always the SUM over customers, natural time unit (weeks); lifetimes' raw numbers "
                             "are under lifetimesReported",
            "floats": "float64, written with Python repr (full precision)",
            "perCustomerFixtures": "clv_predictions.csv, computed at bgnbd.params / gammagamma.params exactly",
        },
        "bgnbd": bgnbd,
        "gammagamma": gammagamma,
        "clv": clv,
        "atPublishedParameters": at_pub,
    }
    # --------------------------------------------------------------- checks
    print(f"versions: {ref['versions']}")
    print(f"BG/NBD (tol={bg_tol}) vs published (CDNOW.md):")
    for k in ("r", "alpha", "a", "b"):
        print(f"  {k:6s} fitted {params[k]:.6f}  polished {polished[k]:.6f}  published {PUBLISHED_BGNBD[k]}"
              f"   SE {se[k]:.5f} (published {PUBLISHED_BGNBD_SE[k]})")
        check(f"bgnbd {k}", abs(params[k] - PUBLISHED_BGNBD[k]) <= 2e-4 * max(1, abs(PUBLISHED_BGNBD[k])),
              f"|diff| = {abs(params[k] - PUBLISHED_BGNBD[k]):.2e}")
        check(f"bgnbd SE {k}", abs(se[k] - PUBLISHED_BGNBD_SE[k]) <= 1e-3 * max(1, PUBLISHED_BGNBD_SE[k]),
              f"{se[k]:.5f}")
    print(f"  logLik (sum, weeks) {ll_weeks_sum:.4f} published {PUBLISHED_BGNBD_LL}; "
          f"lifetimes _negative_log_likelihood_ {reported_nll_mean!r} (mean, scaled time) -> -n*that {ll_scaled_sum:.4f}")
    check("bgnbd logLik", abs(ll_weeks_sum - PUBLISHED_BGNBD_LL) < 0.01, f"{ll_weeks_sum:.4f}")
    check("bgnbd logLik rescaling identity", abs(ll_identity - ll_weeks_sum) < 1e-8, f"{ll_identity - ll_weeks_sum:.2e}")
    why78 = ("CDNOW.md's 1.8576 is not reproduced at the fitted NOR at the published parameters: 40-digit mpmath "
             "of FHL eq. 9 gives 1.857972 (fitted) and 1.858049 (r=0.2426, alpha=4.4135, a=0.7929, b=2.4259), "
             "so the published figure is off by ~4e-4 (the 1-, 3- and 32-week values do match)")
    for t, pub in PUBLISHED_EXPECTED.items():
        v = expected[str(t)]
        mpv = bgnbd["independentMpmath"]["expectedNumberOfPurchasesUpToTime"][str(t)]
        check(f"E[X({t})] lifetimes vs mpmath", abs(v / mpv - 1) < 1e-12, f"rel diff {abs(v / mpv - 1):.1e}")
        soft(f"E[X({t})] vs published", abs(v - pub) <= 1e-4, f"{v:.6f} vs {pub}", why78)
    mpc = bgnbd["independentMpmath"]["conditionalExpected39_x2_tx30.43_T38.86"]
    check("conditional E 39 lifetimes vs mpmath", abs(cond / mpc - 1) < 1e-12, f"rel diff {abs(cond / mpc - 1):.1e}")
    rel = 0.0
    for j, c in enumerate(df.index):
        args = (int(df.at[c, "frequency"]), float(df.at[c, "recency"]), float(df.at[c, "T"]))
        for t, arr in ((39, e39), (52, e52)):
            mv = float(mp_conditional(t, *args, *params.values()))
            rel = max(rel, abs(arr[j] - mv) / abs(mv))
    check("csv expected_purchases_39/52 vs mpmath (all customers)", rel < 1e-10, f"max rel diff {rel:.1e}")
    check("conditional E 39 (x=2)", abs(cond - PUBLISHED_CONDITIONAL) <= 5e-4, f"{cond:.6f} vs {PUBLISHED_CONDITIONAL}")
    check("P(n) sums below 1", 0 < sum(pn.values()) < 1, f"sum n<=5 = {sum(pn.values()):.6f}")
    print(f"Gamma-Gamma (tol={gg_tol}, {nr} repeat buyers) vs published:")
    for k in ("p", "q", "v"):
        print(f"  {k} fitted {gparams[k]:.6f}  polished {gpol[k]:.6f}  published {PUBLISHED_GG[k]}   "
              f"SE {gse[k]:.4f} (published {PUBLISHED_GG_SE[k]})")
        check(f"gg {k}", abs(gparams[k] - PUBLISHED_GG[k]) <= 1e-4 * max(1, PUBLISHED_GG[k]), f"{gparams[k]:.6f}")
        check(f"gg SE {k}", abs(gse[k] - PUBLISHED_GG_SE[k]) <= 0.01 * PUBLISHED_GG_SE[k], f"{gse[k]:.4f}")
    print(f"  logLik (sum) {-g_reported * nr:.4f} independent {ll_full:.4f} published {PUBLISHED_GG_LL}")
    check("gg logLik", abs(-g_reported * nr - PUBLISHED_GG_LL) < 0.01, f"{-g_reported * nr:.4f}")
    check("gg logLik independent", abs(ll_full + g_reported * nr) < 1e-8, f"{ll_full + g_reported * nr:.2e}")
    check("clv reimplementation", np.allclose(re_named, clv_named.to_numpy(), rtol=1e-13, atol=0),
          f"max rel diff {np.max(np.abs(re_named / clv_named.to_numpy() - 1)):.2e}")
    for c in NAMED_CUSTOMERS:
        print(f"  customer {c}: E[M]={float(profit.loc[c]):.4f}  CLV(12 mo)={float(clv_named.loc[c]):.4f}")
    for t, pub in PUBLISHED_EXPECTED.items():
        v = at_pub["expectedNumberOfPurchasesUpToTime"][str(t)]
        soft(f"published-parameter E[X({t})] vs published", abs(v - pub) <= 1e-4, f"{v:.6f} vs {pub}", why78)
    check("published-parameter conditional 1.226",
          abs(at_pub["conditionalExpected39_x2_tx30.43_T38.86"] - PUBLISHED_CONDITIONAL) <= 5e-4,
          f"{at_pub['conditionalExpected39_x2_tx30.43_T38.86']:.6f}")
    check("csv finite", np.all(np.isfinite(e39)) and np.all(np.isfinite(e52)) and np.all(np.isfinite(palive))
          and np.all(np.isfinite(clv_all.to_numpy())), f"{n} rows")
    ref["publishedDiscrepancies"] = warnings_published
    with open(HERE / "clv_reference.json", "w") as fh:
        json.dump(ref, fh, indent=2)
        fh.write("\n")

    if warnings_published:
        print(f"published-value discrepancies (recorded in the JSON, not fatal): {len(warnings_published)}")
    if failures:
        print(f"FAILED: {failures}")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
