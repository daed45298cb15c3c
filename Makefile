# cvw: the two commands are `make demo` and `make test`.
SWIFT ?= swift
CVW := .build/release/cvw
# Fixed time stamp: the demo's model file is byte-reproducible.
export SOURCE_DATE_EPOCH ?= 1795305600

.PHONY: demo test deps build fixtures clean

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

## The whole test suite.
test: deps
	$(SWIFT) test

## Fit, inspect and score the purchase-intent model on the bundled CDNOW data.
demo: build
	@mkdir -p models scores
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

## Regenerate the statsmodels / scikit-learn reference fixtures (needs PyPI).
fixtures:
	python3 -m venv .venv
	.venv/bin/pip install -q statsmodels==0.15.0 scikit-learn==1.9.1 pandas numpy scipy
	.venv/bin/python Tests/ModelsTests/Fixtures/make_logistic_fixtures.py

clean:
	rm -rf .build scores
