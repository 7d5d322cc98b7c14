# The two commands of the README. Both create .venv and install the pinned requirements.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint install clean

$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	HF_HUB_OFFLINE=1 $(BIN)/python -m vectorstore.onnx_embedder  # the embedding model on ONNX Runtime, built once
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	HF_HUB_OFFLINE=1 ANONYMIZED_TELEMETRY=False $(BIN)/streamlit run app.py

test: $(STAMP)
	HF_HUB_OFFLINE=1 ANONYMIZED_TELEMETRY=False $(BIN)/python -m pytest

# The quick loop: everything but the tests marked slow (tests/conftest.py). It keeps the ONNX
# export of the embedding model between runs ($(VENV)/test-models); `make test` makes its own.
test-fast: $(STAMP)
	HF_HUB_OFFLINE=1 ANONYMIZED_TELEMETRY=False MENTORDESK_MODEL_CACHE=$(CURDIR)/$(VENV)/test-models \
		$(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/mypy && $(BIN)/lint-imports

clean:
	rm -rf $(VENV) .pytest_cache
