#!/usr/bin/env python3
"""Side-by-side benchmark: cvw logistic regression vs scikit-learn / statsmodels.

What it measures
----------------
On two synthetic data sets generated here with a fixed seed (into
benchmarks/data/, git-ignored; regenerated only when missing or when the
sidecar ``*.meta.json`` size marker does not match):

* ``logistic_1m_x10.csv``  - 1,000,000 rows, 10 dense features of mixed scale
  (six N(0,1), three Exponential x100, one 0/1 flag), y ~ Bernoulli(sigmoid(eta));
* ``logistic_200k_x50.csv`` - 200,000 rows, 50 N(0,1) features.

For each data set and each setting (unpenalized, L2 with C=1):

* cvw end to end: wall time of the ``cvw fit logistic`` subprocess (CSV parse +
  fit + model file write) and its peak RSS (GNU ``/usr/bin/time -f %M``);
* anchor end to end, in this Python process (imports excluded):
  ``pandas.read_csv`` + ``LogisticRegression(solver="newton-cholesky",
  tol=1e-8, max_iter=1000).fit`` and, for the unpenalized setting, also
  ``statsmodels Logit(...).fit(method="newton")``; the read and the fit are
  timed separately (end to end = read + fit) and the faster anchor is used for
  the ratio (anchor time / cvw time; > 1 means cvw is faster);
* max relative difference of intercept and coefficients between cvw and the
  reference (statsmodels for unpenalized, scikit-learn for L2):
  max_i |cvw_i - ref_i| / |ref_i|.

Scoring: ``cvw score`` on the 1M file (cvw's unpenalized model) vs
``pandas.read_csv`` + ``predict_proba`` + ``DataFrame.to_csv`` (scikit-learn's
unpenalized model): wall time, rows/s, cvw peak RSS, and the max absolute
difference between the two probability columns read back from disk.

With ``--repeat N`` (default 3) every timed step runs N times and the fastest
is kept (the machine may be shared; the 1-minute load average before and after
the run is recorded with the results).
The results table is printed and written into benchmarks/RESULTS.md between
``<!-- logistic-benchmark:start -->`` and ``<!-- logistic-benchmark:end -->``.

Run (from the repository root; the cvw binary must already be built):

    /work/venv/bin/python benchmarks/logistic_benchmark.py --cvw .build/release/cvw

(``--cvw`` defaults to ``.build/release/cvw`` relative to the repository root.)
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import re
import shlex
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.linear_model import LogisticRegression

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
START_MARKER = "<!-- logistic-benchmark:start -->"
END_MARKER = "<!-- logistic-benchmark:end -->"

# Bump when the generators below change, so that stale files are regenerated.
GENERATOR_VERSION = 1
FLOAT_FORMAT = "%.6g"

# ---------------------------------------------------------------------------
# Data sets: true parameters are fixed here.
# ---------------------------------------------------------------------------

# 1M x 10: x1..x6 ~ N(0,1), x7..x9 ~ Exponential(1) * 100, x10 ~ Bernoulli(0.3).
COEF_1M = np.array([0.8, -0.5, 0.3, -0.2, 0.1, 0.05,  # N(0,1)
                    0.004, -0.003, 0.002,               # Exponential x100
                    0.7])                               # 0/1 flag
INTERCEPT_1M = -0.4

# 200k x 50: all N(0,1), coefficients evenly spaced in [-1, 1] (none is zero).
COEF_200K = np.round(np.linspace(-1.0, 1.0, 50), 4)
INTERCEPT_200K = 0.25

DATASETS = {
    "logistic_1m_x10": dict(rows=1_000_000, cols=10, seed=20261122),
    "logistic_200k_x50": dict(rows=200_000, cols=50, seed=20261123),
}


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _generate_frame(name: str, rows: int, cols: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    if name == "logistic_1m_x10":
        normal = rng.standard_normal((rows, 6))
        expo = rng.exponential(1.0, (rows, 3)) * 100.0
        flag = (rng.random(rows) < 0.3).astype(np.int64)
        x = np.column_stack([normal, expo, flag.astype(np.float64)])
        eta = INTERCEPT_1M + x @ COEF_1M
        y = (rng.random(rows) < _sigmoid(eta)).astype(np.int64)
        frame = pd.DataFrame(x[:, :9], columns=[f"x{j}" for j in range(1, 10)])
        frame["x10"] = flag
    elif name == "logistic_200k_x50":
        x = rng.standard_normal((rows, cols))
        eta = INTERCEPT_200K + x @ COEF_200K
        y = (rng.random(rows) < _sigmoid(eta)).astype(np.int64)
        frame = pd.DataFrame(x, columns=[f"x{j}" for j in range(1, cols + 1)])
    else:  # pragma: no cover
        raise ValueError(name)
    frame["y"] = y
    return frame


def ensure_dataset(data_dir: Path, name: str) -> tuple[Path, bool, float]:
    """Write DATA/NAME.csv unless it exists and its size marker matches."""
    spec = DATASETS[name]
    path = data_dir / f"{name}.csv"
    meta_path = data_dir / f"{name}.csv.meta.json"
    wanted = dict(spec, generator=GENERATOR_VERSION, float_format=FLOAT_FORMAT)
    if path.exists() and meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text())
            if ({k: meta.get(k) for k in wanted} == wanted
                    and meta.get("bytes") == path.stat().st_size):
                return path, False, 0.0
        except (ValueError, OSError):
            pass
    t0 = time.perf_counter()
    frame = _generate_frame(name, **spec)
    tmp = path.with_suffix(".csv.tmp")
    frame.to_csv(tmp, index=False, float_format=FLOAT_FORMAT)
    os.replace(tmp, path)
    meta = dict(wanted, bytes=path.stat().st_size,
                positive_rate=float(frame["y"].mean()))
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    return path, True, time.perf_counter() - t0


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def warm_cache(path: Path) -> None:
    """Read the file once so that every tool starts from the page cache."""
    with open(path, "rb") as fh:
        while fh.read(1 << 24):
            pass


GNU_TIME = "/usr/bin/time"


def run_child(argv: list[str], timeout: float) -> dict:
    """Run argv: wall time (perf_counter) and the child's own peak RSS in MB.

    Peak RSS comes from GNU time (``/usr/bin/time -f %M``). It cannot come from
    os.wait4 / RUSAGE_CHILDREN here: on Linux a child forked from this Python
    process and exec'd keeps the parent's high-water RSS in ru_maxrss, so it
    would report this process's (large) footprint instead of cvw's.
    """
    use_time = os.access(GNU_TIME, os.X_OK)
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss_file:
        cmd = [GNU_TIME, "-f", "%M", "-o", rss_file.name, *argv] if use_time else argv
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err,
                                start_new_session=True)
        try:
            rc = proc.wait(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            rc = proc.wait()
            timed_out = True
        wall = time.perf_counter() - t0
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace").strip()
        rss_mb = None
        if use_time:
            lines = rss_file.read().split()
            if lines and lines[-1].isdigit():
                rss_mb = int(lines[-1]) / 1024  # GNU time reports KiB
        else:
            import resource
            rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / (
                1024 * 1024 if sys.platform == "darwin" else 1024)  # upper bound
    if timed_out:
        rc, stderr = -9, f"timed out after {timeout:.0f} s. {stderr}"
    return dict(rc=rc, wall=wall, rss_mb=rss_mb if rss_mb is not None else float("nan"),
                stderr=stderr)


def best_of(repeat: int, fn):
    """Call fn() repeat times; return (fastest time, result of that call)."""
    best_t, best_r = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = fn()
        t = time.perf_counter() - t0
        if t < best_t:
            best_t, best_r = t, r
    return best_t, best_r


def run_cvw(argv: list[str], repeat: int, timeout: float) -> dict:
    """Run cvw repeat times: fastest wall time, largest peak RSS; stop at a failure."""
    runs = []
    for _ in range(repeat):
        r = run_child(argv, timeout)
        if r["rc"] != 0:
            return r
        runs.append(r)
    best = dict(min(runs, key=lambda r: r["wall"]))
    best["rss_mb"] = max(r["rss_mb"] for r in runs)
    return best


def max_rel_diff(a: np.ndarray, ref: np.ndarray) -> float:
    return float(np.max(np.abs(a - ref) / np.maximum(np.abs(ref), 1e-300)))


def make_sklearn(penalized: bool, C: float) -> LogisticRegression:
    common = dict(solver="newton-cholesky", tol=1e-8, max_iter=1000)
    if penalized:
        return LogisticRegression(C=C, **common)  # l2 is the default penalty
    skv = tuple(int(p) for p in re.findall(r"\d+", sklearn.__version__)[:2])
    if skv >= (1, 8):
        return LogisticRegression(C=np.inf, **common)  # `penalty` is deprecated
    return LogisticRegression(penalty=None, **common)


def md_escape(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("|", "\\|")


def fmt_s(t: float | None) -> str:
    return "—" if t is None else f"{t:.2f}"


def fmt_ratio(anchor: float | None, cvw: float | None) -> str:
    if anchor is None or cvw is None or cvw <= 0:
        return "—"
    return f"{anchor / cvw:.2f}×"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def nproc() -> str:
    try:
        return subprocess.run(["nproc"], capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        return str(os.cpu_count())


def cvw_version(cvw: str) -> str:
    try:
        out = subprocess.run([cvw, "--version"], capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip() or "?"
    except OSError as exc:
        return f"unavailable ({exc})"


# ---------------------------------------------------------------------------
# Benchmark
# ---------------------------------------------------------------------------

def bench_dataset(name: str, path: Path, cvw: str, out_dir: Path, repeat: int,
                  timeout: float, rows: list[dict], details: list[str],
                  keep: dict) -> None:
    spec = DATASETS[name]
    data_label = f"{spec['rows']:,} × {spec['cols']}"
    warm_cache(path)

    # Anchor read (shared by every anchor fit on this data set).
    read_t, frame = best_of(repeat, lambda: pd.read_csv(path))
    features = [c for c in frame.columns if c != "y"]
    details.append(f"- `{name}`: `pandas.read_csv` {read_t:.2f} s "
                   f"({path.stat().st_size / 1e6:.0f} MB on disk).")

    for setting, penalized in (("unpenalized", False), ("L2 C=1", True)):
        task = f"fit {setting}"
        tag = "l2" if penalized else "none"
        model_path = out_dir / f"{name}.{tag}.json"
        argv = [cvw, "fit", "logistic", str(path), "--target", "y",
                "--penalty", "l2" if penalized else "none", "-o", str(model_path)]
        if penalized:
            argv += ["--C", "1"]
        res = run_cvw(argv, repeat, timeout)
        cvw_params = None
        if res["rc"] == 0:
            model = json.loads(model_path.read_text())
            names = [f["name"] for f in model["features"]]
            assert names == features, (names, features)
            p = model["parameters"]
            cvw_params = np.concatenate([[p["intercept"]], p["coefficients"]])
            details.append(f"- `{name}` {setting}: cvw {res['wall']:.2f} s, "
                           f"peak RSS {res['rss_mb']:.0f} MB — `{md_escape(res['stderr'], 400)}`")
        else:
            details.append(f"- `{name}` {setting}: **cvw failed** (exit {res['rc']}): "
                           f"`{md_escape(res['stderr'], 400)}`")

        # scikit-learn: fit alone (frame already read).
        def sk_fit():
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                m = make_sklearn(penalized, 1.0).fit(frame[features], frame["y"])
            return m, [str(w.message) for w in caught]
        sk_fit_t, (sk_model, sk_warn) = best_of(repeat, sk_fit)
        sk_params = np.concatenate([sk_model.intercept_, sk_model.coef_.ravel()])
        anchors = {"scikit-learn": (read_t, sk_fit_t)}
        if sk_warn:
            details.append(f"  - scikit-learn warnings: `{md_escape('; '.join(sk_warn), 300)}`")
        if not penalized:
            if name == "logistic_1m_x10":
                keep["sk_unpenalized"] = sk_model

            def sm_fit():
                x = sm.add_constant(frame[features].to_numpy(dtype=np.float64), prepend=True)
                return sm.Logit(frame["y"].to_numpy(dtype=np.float64), x).fit(method="newton", disp=0)
            sm_fit_t, sm_res = best_of(repeat, sm_fit)
            sm_params = np.asarray(sm_res.params, dtype=np.float64)
            anchors["statsmodels"] = (read_t, sm_fit_t)
            ref_name, ref = "statsmodels", sm_params
            details.append(f"  - anchors: scikit-learn fit {sk_fit_t:.2f} s "
                           f"(end to end {read_t + sk_fit_t:.2f} s, {sk_model.n_iter_[0]} iter.); "
                           f"statsmodels fit {sm_fit_t:.2f} s (end to end {read_t + sm_fit_t:.2f} s, "
                           f"converged={sm_res.mle_retvals.get('converged')}); "
                           f"scikit-learn vs statsmodels max rel. diff "
                           f"{max_rel_diff(sk_params, sm_params):.1e}")
            if cvw_params is not None:
                details.append(f"  - cvw vs scikit-learn (unpenalized) max rel. diff "
                               f"{max_rel_diff(cvw_params, sk_params):.1e}")
        else:
            ref_name, ref = "scikit-learn", sk_params
            details.append(f"  - anchor: scikit-learn fit {sk_fit_t:.2f} s "
                           f"(end to end {read_t + sk_fit_t:.2f} s, {sk_model.n_iter_[0]} iter.)")

        anchor_name = min(anchors, key=lambda k: sum(anchors[k]))
        a_read, a_fit = anchors[anchor_name]
        ok = cvw_params is not None
        if ok:
            diff = max_rel_diff(cvw_params, ref)
            diff_s = f"{diff:.1e} (vs {ref_name})"
            details.append(f"  - cvw vs {ref_name}: max rel. diff {diff:.2e}, "
                           f"max abs. diff {np.max(np.abs(cvw_params - ref)):.2e}")
            if name == "logistic_1m_x10" and not penalized:
                keep["cvw_unpenalized_model"] = model_path
        else:
            diff_s = f"cvw error: {md_escape(res['stderr'])}"
        rows.append(dict(
            task=task, data=data_label,
            cvw=res["wall"] if ok else None,
            anchor=f"{anchor_name}",
            anchor_total=a_read + a_fit, anchor_read=a_read, anchor_fit=a_fit,
            ratio=fmt_ratio(a_read + a_fit, res["wall"] if ok else None),
            rss=f"{res['rss_mb']:.0f}" if ok else "—",
            diff=diff_s,
        ))


def bench_score(path: Path, cvw: str, out_dir: Path, repeat: int, timeout: float,
                rows: list[dict], details: list[str], keep: dict) -> None:
    spec = DATASETS["logistic_1m_x10"]
    n = spec["rows"]
    data_label = f"{n:,} × {spec['cols']}"
    warm_cache(path)
    sk_model = keep.get("sk_unpenalized")
    cvw_model = keep.get("cvw_unpenalized_model")
    cvw_out = out_dir / "scores.cvw.csv"
    py_out = out_dir / "scores.pandas.csv"

    def py_score():
        t0 = time.perf_counter()
        frame = pd.read_csv(path)
        t1 = time.perf_counter()
        prob = sk_model.predict_proba(frame[list(sk_model.feature_names_in_)])[:, 1]
        t2 = time.perf_counter()
        pd.DataFrame({"probability": prob}).to_csv(py_out, index=False)
        t3 = time.perf_counter()
        return (t1 - t0, t2 - t1, t3 - t2)
    py_t, (r_t, p_t, w_t) = best_of(repeat, py_score)
    details.append(f"- score, pandas + scikit-learn: read {r_t:.2f} s + predict_proba {p_t:.2f} s "
                   f"+ to_csv {w_t:.2f} s = {py_t:.2f} s ({n / py_t:,.0f} rows/s)")

    if cvw_model is None:
        rows.append(dict(task="score", data=data_label, cvw=None, anchor="pandas+sklearn",
                         anchor_total=py_t, anchor_read=r_t, anchor_fit=p_t + w_t,
                         ratio="—", rss="—", diff="skipped: cvw fit failed on this data"))
        return
    res = run_cvw([cvw, "score", str(cvw_model), str(path), "-o", str(cvw_out)], repeat, timeout)
    if res["rc"] != 0:
        details.append(f"- score, cvw: **failed** (exit {res['rc']}): `{md_escape(res['stderr'], 400)}`")
        rows.append(dict(task="score", data=data_label, cvw=None, anchor="pandas+sklearn",
                         anchor_total=py_t, anchor_read=r_t, anchor_fit=p_t + w_t, ratio="—",
                         rss="—", diff=f"cvw error: {md_escape(res['stderr'])}"))
        return
    a = pd.read_csv(cvw_out)["probability"].to_numpy()
    b = pd.read_csv(py_out)["probability"].to_numpy()
    assert len(a) == len(b) == n, (len(a), len(b), n)
    diff = float(np.max(np.abs(a - b)))
    # Same parameters as cvw's model, computed in numpy: isolates scoring precision.
    p = json.loads(Path(cvw_model).read_text())["parameters"]
    frame = pd.read_csv(path)
    own = _sigmoid(p["intercept"] + frame[[f"x{j}" for j in range(1, 11)]].to_numpy() @ np.asarray(p["coefficients"]))
    own_diff = float(np.max(np.abs(a - own)))
    details.append(f"- score, cvw: {res['wall']:.2f} s ({n / res['wall']:,.0f} rows/s), "
                   f"peak RSS {res['rss_mb']:.0f} MB; max |p_cvw − p_sklearn| = {diff:.1e} "
                   f"(different fitted parameters included); max |p_cvw − numpy sigmoid with "
                   f"cvw's own parameters| = {own_diff:.1e}")
    rows.append(dict(task="score (→ CSV)", data=data_label, cvw=res["wall"],
                     anchor="pandas+sklearn", anchor_total=py_t, anchor_read=r_t,
                     anchor_fit=p_t + w_t, ratio=fmt_ratio(py_t, res["wall"]),
                     rss=f"{res['rss_mb']:.0f}",
                     diff=f"{diff:.1e} (max abs. prob.); "
                          f"{n / res['wall'] / 1e6:.2f}M vs {n / py_t / 1e6:.2f}M rows/s"))


def render_table(rows: list[dict]) -> str:
    head = ("| task | data | cvw (s) | anchor | anchor (s) read + fit = total | "
            "ratio (anchor/cvw) | cvw peak RSS (MB) | max rel. param diff |")
    sep = "|---|---|---:|---|---:|---:|---:|---|"
    lines = [head, sep]
    for r in rows:
        anchor_s = (f"{r['anchor_read']:.2f} + {r['anchor_fit']:.2f} = "
                    f"**{r['anchor_total']:.2f}**")
        lines.append(f"| {r['task']} | {r['data']} | {fmt_s(r['cvw'])} | {r['anchor']} | "
                     f"{anchor_s} | {r['ratio']} | {r['rss']} | {r['diff']} |")
    return "\n".join(lines)


def write_results(results_path: Path, section: str) -> None:
    block = f"{START_MARKER}\n{section.rstrip()}\n{END_MARKER}"
    if results_path.exists():
        text = results_path.read_text()
    else:
        text = ("# cvw benchmarks\n\n"
                "Side-by-side timings of cvw against the Python reference stack. Each "
                "benchmark script owns the section between its own markers and rewrites "
                "only that section.\n\n"
                f"{START_MARKER}\n{END_MARKER}\n")
    if START_MARKER in text and END_MARKER in text:
        start = text.index(START_MARKER)
        end = text.index(END_MARKER, start) + len(END_MARKER)
        text = text[:start] + block + text[end:]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    results_path.write_text(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--cvw", default=".build/release/cvw",
                    help="cvw binary (relative paths are taken from the repository root)")
    ap.add_argument("--data-dir", default=str(BENCH_DIR / "data"))
    ap.add_argument("--results", default=str(BENCH_DIR / "RESULTS.md"))
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs per timed step; the fastest is reported (default 3)")
    ap.add_argument("--timeout", type=float, default=240.0,
                    help="seconds before a cvw run is killed and reported as failed")
    args = ap.parse_args()

    t_start = time.perf_counter()
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    if load_before > 0.5:
        print(f"[warn] 1-minute load average is {load_before:.2f} before starting: "
              "something else is using the CPU, timings will be noisy", flush=True)
    command = shlex.join([sys.executable] + sys.argv)
    cvw = Path(args.cvw)
    if not cvw.is_absolute():
        cvw = REPO_ROOT / cvw
    cvw = str(cvw)
    if not os.access(cvw, os.X_OK):
        print(f"error: cvw binary not found or not executable: {cvw}", file=sys.stderr)
        return 2

    data_dir = Path(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    out_dir = data_dir / "out"
    out_dir.mkdir(exist_ok=True)

    paths, gen_notes = {}, []
    for name in DATASETS:
        path, made, secs = ensure_dataset(data_dir, name)
        paths[name] = path
        gen_notes.append(f"{name}: generated in {secs:.1f} s" if made else f"{name}: reused")
        print(f"[data] {gen_notes[-1]} ({path.stat().st_size / 1e6:.0f} MB)", flush=True)

    rows, details, keep = [], [], {}
    for name in DATASETS:
        print(f"[fit] {name} …", flush=True)
        bench_dataset(name, paths[name], cvw, out_dir, args.repeat, args.timeout,
                      rows, details, keep)
    print("[score] logistic_1m_x10 …", flush=True)
    bench_score(paths["logistic_1m_x10"], cvw, out_dir, args.repeat, args.timeout,
                rows, details, keep)

    table = render_table(rows)
    total = time.perf_counter() - t_start
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    py_rss = __import__("resource").getrusage(__import__("resource").RUSAGE_SELF).ru_maxrss / (
        1024 * 1024 if sys.platform == "darwin" else 1024)
    versions = (f"cvw {cvw_version(cvw)}, Python {platform.python_version()}, numpy {np.__version__}, "
                f"pandas {pd.__version__}, scikit-learn {sklearn.__version__}, "
                f"statsmodels {statsmodels.__version__}")
    section = "\n".join([
        "## Logistic regression: cvw vs scikit-learn / statsmodels",
        "",
        f"- Date: {_dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- Machine: `nproc` = {nproc()}, "
        f"CPU {cpu_model()}, {platform.system()} {platform.release()}",
        f"- Versions: {versions}",
        f"- Command: `{command}`",
        f"- Timed runs per step: {args.repeat} (fastest kept); total benchmark wall time "
        f"{total:.0f} s ({'; '.join(gen_notes)}); 1-minute load average "
        f"{load_before:.2f} before, {load_after:.2f} after (the benchmark itself adds ~1–2 "
        f"on this machine; more before it means a shared, noisy machine).",
        "",
        table,
        "",
        "How to read it: *cvw (s)* is the wall time of the `cvw` subprocess end to end "
        "(parse the CSV, fit, write the model file / the scores). *anchor* is timed inside one "
        "Python process (imports excluded) as `pandas.read_csv` + fit, and for scoring "
        "`read_csv` + `predict_proba` + `to_csv`; for the unpenalized fit the faster of "
        "scikit-learn (`newton-cholesky`, tol 1e-8) and statsmodels (`Logit.fit(method=\"newton\")`) "
        "is shown. *ratio* > 1 means cvw is faster. *max rel. param diff* is "
        "max over intercept and coefficients of |cvw − ref| / |ref|. Files are read once "
        "before timing so that every tool starts from the page cache. "
        f"Python process peak RSS over the whole run: {py_rss:.0f} MB.",
        "",
        "Details:",
        "",
        *details,
    ])
    print()
    print(table)
    print()
    print("\n".join(details))
    print(f"\nTotal wall time: {total:.1f} s")
    write_results(Path(args.results), section)
    print(f"Wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
