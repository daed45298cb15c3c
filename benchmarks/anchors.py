#!/usr/bin/env python3
"""The Python anchors of the cvw benchmark suite, one task per process.

benchmarks/bench.py starts this script once per task, in the venv that task
needs (.venv: pandas, scikit-learn; .venv-lifetimes: lifetimes 0.11.3 with
numpy < 2 and pandas 2.1.4), and reads the single JSON line it prints on
stdout. Imports are done before any clock starts; each timed step runs
--repeat times and the fastest run is kept. ``peak_rss_mb`` is this process's
own high-water mark (resource.getrusage) at the end: imports, the data and
the fitted objects included.

Tasks (FILE is always a CSV written by ``cvw simulate``):

  versions                          package versions of this venv
  bgnbd-fit FILE                    lifetimes BetaGeoFitter().fit on a DataFrame read beforehand
  bgnbd-score FILE --model M.json --horizon H --out OUT [--compare CVW_OUT]
                                    read_csv + conditional_probability_alive +
                                    conditional_expected_number_of_purchases_up_to_time +
                                    to_csv, with the parameters of cvw's model file
  summarize LOG --out OUT [--observation-end YYYY-MM-DD] [--compare CVW_OUT]
                                    read_csv + summary_data_from_transaction_data(freq="D") + to_csv
  logistic-fit FILE [--C 1]         read_csv, then LogisticRegression(C) with newton-cholesky and lbfgs
                                    at tol 1e-4 (default) and 1e-8, and untimed newton-cholesky to tol 1e-10
                                    (the reference)
  logistic-cv FILE --grid 0.01,0.1,1,10 --folds 5 [--rows N] [--solver S]
                                    read_csv + LogisticRegressionCV (warm starts along the grid)
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time


def best_of(repeat: int, step):
    """Runs step() `repeat` times: (fastest wall seconds, last result)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def max_abs_diff(a, b) -> float:
    import numpy as np
    return float(np.max(np.abs(np.asarray(a, dtype=float) - np.asarray(b, dtype=float))))


def versions(_args) -> dict:
    import importlib.metadata as md
    import platform
    found = {"python": platform.python_version()}
    for name in ("numpy", "pandas", "scipy", "scikit-learn", "statsmodels", "lifetimes"):
        try:
            found[name] = md.version(name)
        except md.PackageNotFoundError:
            pass
    try:
        from threadpoolctl import threadpool_info
        import numpy  # noqa: F401  (loads its BLAS, so that threadpoolctl sees it)
        found["blas_threads"] = max(p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas")
    except (ImportError, ValueError):
        pass
    return found


def bgnbd_fit(args) -> dict:
    import pandas as pd
    from lifetimes import BetaGeoFitter
    frame = pd.read_csv(args.file)
    seconds, fitter = best_of(args.repeat, lambda: BetaGeoFitter().fit(
        frame["frequency"], frame["recency"], frame["T"]))
    params = {k: float(fitter.params_[k]) for k in ("r", "alpha", "a", "b")}
    return {"fit_s": seconds, "parameters": params, "rows": len(frame)}


def bgnbd_score(args) -> dict:
    import pandas as pd
    from lifetimes import BetaGeoFitter
    model = json.load(open(args.model))["parameters"]
    fitter = BetaGeoFitter()
    fitter.params_ = pd.Series({k: float(model[k]) for k in ("r", "alpha", "a", "b")})

    def score():
        t0 = time.perf_counter()
        frame = pd.read_csv(args.file)
        t1 = time.perf_counter()
        x, t, T = frame["frequency"], frame["recency"], frame["T"]
        out = pd.DataFrame({
            "customer_id": frame["customer_id"],
            "probability_alive": fitter.conditional_probability_alive(x, t, T),
            "expected_purchases": fitter.conditional_expected_number_of_purchases_up_to_time(args.horizon, x, t, T),
        })
        t2 = time.perf_counter()
        out.to_csv(args.out, index=False)
        t3 = time.perf_counter()
        return (t1 - t0, t2 - t1, t3 - t2), len(frame)

    seconds, ((read_s, predict_s, write_s), rows) = best_of(args.repeat, score)
    result = {"total_s": seconds, "read_s": read_s, "predict_s": predict_s, "write_s": write_s, "rows": rows}
    if args.compare:
        mine, theirs = pd.read_csv(args.out), pd.read_csv(args.compare)
        result["max_abs_diff"] = {c: max_abs_diff(mine[c], theirs[c]) for c in ("probability_alive", "expected_purchases")}
    return result


def summarize(args) -> dict:
    import pandas as pd
    from lifetimes.utils import summary_data_from_transaction_data

    def run():
        t0 = time.perf_counter()
        log = pd.read_csv(args.file)
        t1 = time.perf_counter()
        summary = summary_data_from_transaction_data(log, "customer_id", "date", freq="D",
                                                     observation_period_end=args.observation_end)
        t2 = time.perf_counter()
        summary.to_csv(args.out)
        t3 = time.perf_counter()
        return (t1 - t0, t2 - t1, t3 - t2), len(log), len(summary)

    seconds, ((read_s, summary_s, write_s), rows, customers) = best_of(args.repeat, run)
    result = {"total_s": seconds, "read_s": read_s, "summary_s": summary_s, "write_s": write_s,
              "rows": rows, "customers": customers}
    if args.compare:
        mine = pd.read_csv(args.out).set_index("customer_id").sort_index()
        theirs = pd.read_csv(args.compare).set_index("customer_id").sort_index()
        same_customers = mine.index.equals(theirs.index)
        result["same_customers"] = bool(same_customers)
        if same_customers:
            result["max_abs_diff"] = {c: max_abs_diff(mine[c], theirs[c]) for c in ("frequency", "recency", "T")}
    return result


def logistic_fit(args) -> dict:
    import numpy as np
    import pandas as pd
    from sklearn.linear_model import LogisticRegression
    read_s, frame = best_of(args.repeat, lambda: pd.read_csv(args.file))
    features = [c for c in frame.columns if c != "y"]
    x = frame[features].to_numpy(dtype=np.float64)
    y = frame["y"].to_numpy()
    nbytes = __import__("os").path.getsize(args.file)
    result = {"read_s": read_s, "read_mb_per_s": nbytes / 1e6 / read_s, "rows": len(frame), "features": len(features)}
    # Timed: both solvers at scikit-learn's default tol 1e-4 (as users run
    # them) and at tol 1e-8, which reaches the issue's 1e-6 agreement; the
    # driver times the ratio against the fastest setting that does reach it.
    # Untimed: newton-cholesky to tol 1e-10, the reference the coefficients
    # are compared with.
    result["solvers"] = {}
    for name in ("newton-cholesky", "lbfgs"):
        for tol in (1e-4, 1e-8):
            seconds, model = best_of(args.fit_repeat, lambda: LogisticRegression(
                C=args.C, solver=name, tol=tol, max_iter=10_000).fit(x, y))
            result["solvers"][f"{name}, tol {tol:g}"] = {
                "fit_s": seconds, "iterations": int(np.max(model.n_iter_)),
                "intercept": float(model.intercept_[0]), "coefficients": model.coef_[0].tolist()}
    model = LogisticRegression(C=args.C, solver="newton-cholesky", tol=1e-10, max_iter=100).fit(x, y)
    result["reference"] = {"iterations": int(np.max(model.n_iter_)), "intercept": float(model.intercept_[0]),
                           "coefficients": model.coef_[0].tolist()}
    return result


def logistic_cv(args) -> dict:
    import numpy as np
    import pandas as pd
    from sklearn.linear_model import LogisticRegressionCV
    from sklearn.model_selection import KFold
    t0 = time.perf_counter()
    frame = pd.read_csv(args.file, nrows=args.rows)
    read_s = time.perf_counter() - t0
    features = [c for c in frame.columns if c != "y"]
    x = frame[features].to_numpy(dtype=np.float64)
    y = frame["y"].to_numpy()
    grid = [float(c) for c in args.grid.split(",")]
    # As `cvw cv` without -o: every C on every shuffled fold, no refit.
    seconds, model = best_of(args.repeat, lambda: LogisticRegressionCV(
        Cs=grid, l1_ratios=(0.0,), cv=KFold(args.folds, shuffle=True, random_state=42), solver=args.solver,
        scoring="neg_log_loss", refit=False, use_legacy_attributes=False).fit(x, y))
    return {"read_s": read_s, "cv_s": seconds, "total_s": read_s + seconds, "rows": len(frame),
            "grid": grid, "folds": args.folds, "solver": args.solver}


TASKS = {"versions": versions, "bgnbd-fit": bgnbd_fit, "bgnbd-score": bgnbd_score, "summarize": summarize,
         "logistic-fit": logistic_fit, "logistic-cv": logistic_cv}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("task", choices=sorted(TASKS))
    ap.add_argument("file", nargs="?")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs of the main step, fastest kept")
    ap.add_argument("--fit-repeat", type=int, default=1, help="timed runs of each logistic fit")
    ap.add_argument("--model")
    ap.add_argument("--horizon", type=float, default=10)
    ap.add_argument("--out")
    ap.add_argument("--compare")
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--grid", default="0.01,0.1,1,10")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--rows", type=int)
    ap.add_argument("--observation-end")
    ap.add_argument("--solver", default="newton-cholesky")
    args = ap.parse_args()
    result = TASKS[args.task](args)
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
