# cvw: the two commands are `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
CVW := .build/release/cvw
# Fixed time stamp: the demo's model file is byte-reproducible.
export SOURCE_DATE_EPOCH ?= 1795305600

.PHONY: demo test report-check screenshots deps build fixtures bench bench-quick kernels venv venv-lifetimes clean

## Install OpenBLAS, LAPACKE and pkg-config on Debian/Ubuntu when missing.
deps:
	@if ! pkg-config --exists openblas 2>/dev/null || [ ! -f /usr/include/lapacke.h ]; then \
	  echo "installing libopenblas-dev liblapacke-dev pkg-config (apt-get)"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libopenblas-dev liblapacke-dev pkg-config >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c release --product cvw

## The whole test suite (Swift Testing). The last line restates Swift
## Testing's summary plainly, after XCTest's empty "Executed 0 tests".
test: deps
	@set -o pipefail; mkdir -p .build; \
	$(SWIFT) test 2>&1 | tee .build/test.log && \
	summary=$$(grep -Eo 'Test run with [0-9]+ tests? .* passed' .build/test.log | tail -n 1) && \
	echo "$$(echo "$$summary" | grep -Eo '[0-9]+ tests?' | grep -Eo '[0-9]+') passed, 0 failed"
	@$(MAKE) --no-print-directory report-check

## The demo report, written by the test build's cvw, opened in headless Chromium (Debian's
## `chromium`, installed with apt-get when missing): fails on a console error, any network
## request, an empty chart or a page wider than the screen. Then the checker's own self-test.
REPORT_CHECK := .build/report-check
report-check: deps
	@test -x .build/debug/cvw || $(SWIFT) build --product cvw
	@mkdir -p $(REPORT_CHECK)
	.build/debug/cvw summarize notebooks-data/transactions.csv --customer customer_id --date date --amount amount \
	  --calibration-end 1997-09-30 --observation-end 1998-06-30 -o $(REPORT_CHECK)/cdnow-summary.csv --quiet
	.build/debug/cvw report models/cdnow-bgnbd.json $(REPORT_CHECK)/cdnow-summary.csv \
	  models/purchase-intent.json notebooks-data/purchase_intent.csv \
	  --transactions notebooks-data/transactions.csv --customer customer_id --date date --calibration-end 1997-09-30 \
	  --spend models/cdnow-spend.json --horizon 12 --discount 0.01 -o $(REPORT_CHECK)/demo.html
	python3 Tests/browser/check_report.py $(REPORT_CHECK)/demo.html -o $(REPORT_CHECK)/screenshots
	python3 Tests/browser/check_report.py --self-test

## The README's screenshots: reports/demo.html (from `make demo`) through the browser check.
screenshots:
	@test -f reports/demo.html || $(MAKE) demo
	python3 Tests/browser/check_report.py reports/demo.html -o reports/screenshots

## On the bundled CDNOW data: fit, inspect and score the purchase-intent model;
## then summarise the transaction log, fit BG/NBD and Gamma-Gamma, and value customers.
demo: build
	@mkdir -p models scores reports
	@echo "== cvw fit logistic: bought again in the 39-week holdout ~ calibration RFM"
	$(CVW) fit logistic notebooks-data/purchase_intent.csv --target bought --exclude customer_id \
	  -o models/purchase-intent.json
	@echo
	@echo "== cvw inspect: the model card"
	$(CVW) inspect models/purchase-intent.json
	@echo "== cvw score: streaming, one probability per customer"
	$(CVW) score models/purchase-intent.json notebooks-data/purchase_intent.csv --id customer_id \
	  -o scores/purchase-intent.csv
	@head -n 6 scores/purchase-intent.csv
	@echo "... $$(($$(wc -l < scores/purchase-intent.csv) - 1)) customers scored into scores/purchase-intent.csv"
	@echo
	@echo "== cvw summarize: the CDNOW transaction log -> calibration (to 1997-09-30) and holdout summaries, in weeks"
	$(CVW) summarize notebooks-data/transactions.csv --customer customer_id --date date --amount amount \
	  --calibration-end 1997-09-30 --observation-end 1998-06-30 -o scores/cdnow-summary.csv
	@head -n 4 scores/cdnow-summary.csv
	@echo
	@echo "== cvw fit bg-nbd and gamma-gamma: purchases and spend"
	$(CVW) fit bg-nbd scores/cdnow-summary.csv -o models/cdnow-bgnbd.json
	$(CVW) fit gamma-gamma scores/cdnow-summary.csv -o models/cdnow-spend.json
	$(CVW) inspect models/cdnow-bgnbd.json
	$(CVW) inspect models/cdnow-spend.json
	@echo "== cvw clv: 12 months, 1% a month, one row per customer"
	$(CVW) clv --purchases models/cdnow-bgnbd.json --spend models/cdnow-spend.json scores/cdnow-summary.csv \
	  --horizon 12 --unit month --discount 0.01 --id customer_id -o scores/cdnow-clv.csv
	@head -n 6 scores/cdnow-clv.csv
	@echo "... $$(($$(wc -l < scores/cdnow-clv.csv) - 1)) customers valued into scores/cdnow-clv.csv"
	@echo
	@echo "== cvw segment rfm: RFM scores and the 11 segments, mean 12-month CLV per segment"
	$(CVW) segment rfm scores/cdnow-summary.csv --clv scores/cdnow-clv.csv \
	  -o scores/cdnow-rfm.csv --summary reports/cdnow-rfm-segments.csv
	@echo
	@echo "== cvw segment abc: ABC classes by repeat revenue, value tiers by predicted CLV"
	$(CVW) segment abc scores/cdnow-summary.csv --clv scores/cdnow-clv.csv \
	  -o scores/cdnow-abc.csv --summary reports/cdnow-abc-tiers.csv
	@echo
	@echo "== cvw kpi: customer KPIs per quarter; NPS and CSAT from a synthetic survey (notebooks-data/survey.md)"
	$(CVW) kpi notebooks-data/transactions.csv --customer customer_id --date date --amount amount \
	  --period quarter --purchases models/cdnow-bgnbd.json --spend models/cdnow-spend.json --horizon 12 --discount 0.01 \
	  --survey notebooks-data/survey.csv --survey-date date --nps-column nps --csat-column csat
	@$(CVW) kpi notebooks-data/transactions.csv --customer customer_id --date date --amount amount \
	  --period quarter --purchases models/cdnow-bgnbd.json --spend models/cdnow-spend.json --horizon 12 --discount 0.01 \
	  --survey notebooks-data/survey.csv --survey-date date --nps-column nps --csat-column csat \
	  --format csv -o reports/cdnow-kpi.csv --quiet
	@echo
	@echo "== cvw report: one self-contained HTML page for both models (open reports/demo.html)"
	$(CVW) report models/cdnow-bgnbd.json scores/cdnow-summary.csv models/purchase-intent.json notebooks-data/purchase_intent.csv \
	  --transactions notebooks-data/transactions.csv --customer customer_id --date date --calibration-end 1997-09-30 \
	  --spend models/cdnow-spend.json --horizon 12 --discount 0.01 -o reports/demo.html
	@echo "wrote reports/demo.html, reports/cdnow-rfm-segments.csv, reports/cdnow-abc-tiers.csv, reports/cdnow-kpi.csv"

## A Python venv with the reference libraries (fixtures and benchmark anchors; needs PyPI).
venv: .venv/bin/python
.venv/bin/python:
	python3 -m venv .venv
	.venv/bin/pip install -q statsmodels==0.15.0 scikit-learn==1.9.1 pandas==3.1.1 numpy==2.4.6 scipy==1.17.1

## lifetimes 0.11.3 needs numpy < 2 and pandas < 3: a venv of its own (benchmark anchors; needs PyPI).
venv-lifetimes: .venv-lifetimes/bin/python
.venv-lifetimes/bin/python:
	python3 -m venv .venv-lifetimes
	.venv-lifetimes/bin/pip install -q lifetimes==0.11.3 numpy==1.26.4 pandas==2.1.4 scipy==1.11.4 autograd==1.9.1

## Regenerate the statsmodels / scikit-learn reference fixtures.
fixtures: venv
	.venv/bin/python Tests/ModelsTests/Fixtures/make_logistic_fixtures.py

## The kernel-timing harness (benchmarks/Kernels), release build.
kernels: deps
	$(SWIFT) build -c release --product cvw-kernels

## Benchmarks side by side with the Python anchors (lifetimes, pandas, scikit-learn), on data
## written by `cvw simulate`; the table goes to stdout and benchmarks/RESULTS.md. ~15 minutes.
## BENCH_ARGS passes options to benchmarks/bench.py (--help), e.g. BENCH_ARGS="--cvw path/to/cvw".
bench: build kernels venv venv-lifetimes
	python3 benchmarks/bench.py --size full $(BENCH_ARGS)

## The same pipeline at small sizes (under 2 minutes once built); results in benchmarks/data/RESULTS-quick.md.
bench-quick: build kernels venv venv-lifetimes
	python3 benchmarks/bench.py --size quick $(BENCH_ARGS)

clean:
	rm -rf .build scores
