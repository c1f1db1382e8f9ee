# newsint: `make demo` and `make test` each work from a fresh clone with nothing installed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := $(VENV)/demo.db

.PHONY: demo serve test test-long lint bench fuzz eval models clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsint ingest samples/corpus --db $(DEMO_DB)
	$(BIN)/newsint ls --db $(DEMO_DB)
	@for id in $$($(BIN)/newsint ls --ids --limit 2 --db $(DEMO_DB)); do \
		echo; echo "----- newsint show $$id"; $(BIN)/newsint show $$id --db $(DEMO_DB); done
	@echo; echo "----- newsint places"
	$(BIN)/newsint places --limit 10 --db $(DEMO_DB)
	@echo; echo "----- newsint claims"
	$(BIN)/newsint claims --limit 8 --db $(DEMO_DB)
	@echo; echo "----- newsint events"
	$(BIN)/newsint events --limit 8 --db $(DEMO_DB)
	@echo; echo "----- newsint stories"
	$(BIN)/newsint stories --limit 10 --db $(DEMO_DB)
	@echo; echo "----- newsint brief --format md (the biggest story)"
	$(BIN)/newsint brief --format md --db $(DEMO_DB)
	@echo; echo "----- newsint search ceasefire"
	$(BIN)/newsint search ceasefire --limit 3 --db $(DEMO_DB)
	@echo; echo "----- the workbench over this database: make serve, then open http://127.0.0.1:8000/ (REST API docs: /api/docs)"

# The workbench and REST API over the demo database (run `make demo` first); prints the write token.
serve: $(VENV)/.installed
	$(BIN)/newsint serve --db $(DEMO_DB)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -m "not long"

# The checks of minutes (a thousand hostile files through `newsint ingest`); CI runs them after `make test`.
test-long: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -m long

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check newsint tests bench
	$(BIN)/mypy newsint

# bench/serve.py compares the server with Datasette (the `bench` extra); its store is cached under build/bench-serve/.
bench: $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet -e '.[dev,bench,ray]'
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/nlp.py
	$(BIN)/python bench/places.py
	$(BIN)/python bench/claims.py
	$(BIN)/python bench/events.py
	$(BIN)/python bench/stories.py
	$(BIN)/python bench/serve.py
	$(BIN)/python bench/shapes.py
	$(BIN)/python bench/stages.py
	$(BIN)/python bench/scale.py

# 100,000 generated hostile inputs through `newsint ingest` (tests/hostile_corpus.py); hours on 2 cores.
fuzz: $(VENV)/.installed-dev
	$(BIN)/python bench/fuzz.py --inputs 100000

# torch comes first, pinned to the CPU build, so that `.[train]` does not pull the CUDA wheels.
$(VENV)/.installed-train: pyproject.toml $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev,train]'
	touch $@

# Every shipped model, from the datasets in ../shared/datasets (hours on 2 cores; see docs/ner.md, docs/nlp-core.md).
# ner-v1 is trained twice, on CoNLL and en-worldwide-newswire's training part: its 2-epoch version (2.0.0) labels
# the fast model's Reuters text, then 2 more epochs from its checkpoint give the shipped 2.1.0.
models: $(VENV)/.installed-train
	$(BIN)/python -m train.boilerplate
	$(BIN)/python -m train.attribution
	$(BIN)/python -m train.cues
	$(BIN)/python -m train.events
	$(BIN)/python -m train.encoder
	$(BIN)/python -m train.nlp_core
	$(BIN)/python -m train.ner --worldwide
	$(BIN)/python -m train.ner_fast --worldwide --max-steps 8000
	$(BIN)/python -m train.ner --worldwide --resume build/ner/checkpoint.pt --epochs 2 --lr 5e-5 --head-lr 5e-4 \
		--threads 1 --build-dir build/ner_resume2 --chosen-only
	$(BIN)/python -m train.ner --worldwide --heads 4,6 --layers 6 --build-dir build/ner6 --chosen-only \
		--output build/ner6/candidate
	$(BIN)/python -m train.ner --worldwide --heads 4,6 --layers 6 --resume build/ner6/checkpoint.pt --epochs 2 \
		--lr 5e-5 --head-lr 5e-4 --build-dir build/ner6_resume2 --chosen-only --output build/ner6_resume2/candidate
	$(BIN)/python -m train.ner --worldwide --resume build/ner_resume2/checkpoint.pt --epochs 2 --lr 5e-5 \
		--head-lr 5e-4 --silver-words 300000 --teacher build/ner6_resume2/candidate --build-dir build/ner_distil \
		--chosen-only
	$(BIN)/python -m train.geo_ranker

eval: $(VENV)/.installed
	$(BIN)/newsint eval extract ../shared/datasets/article-extraction-benchmark --mode html
	$(BIN)/newsint eval extract ../shared/datasets/article-extraction-benchmark --mode text
	$(BIN)/newsint eval extract ../shared/datasets/trafilatura-eval --mode html
	$(BIN)/newsint eval ner ../shared/datasets/conll2003/test.txt
	$(BIN)/newsint eval ner ../shared/datasets/conll2003/test.txt --profile fast
	$(BIN)/newsint eval ner ../shared/datasets/en-worldwide-newswire/annotated --part heldout
	$(BIN)/newsint eval ner ../shared/datasets/en-worldwide-newswire/annotated --part heldout --profile fast
	$(BIN)/newsint eval parse ../shared/datasets/ud-english-ewt/en_ewt-ud-dev.conllu
	$(BIN)/newsint eval link ../shared/datasets/ecbplus/dev
	$(BIN)/newsint eval link ../shared/datasets/ecbplus/train
	$(BIN)/newsint eval geo ../shared/datasets/geoparsing-lgl/lgl.xml
	$(BIN)/newsint eval geo ../shared/datasets/geoparsing-geowebnews/GWN.xml
	$(BIN)/newsint eval time ../shared/datasets/tempeval3-tbaq/TBAQ-cleaned
	$(BIN)/newsint eval attribution ../shared/datasets/polnear/dev
	@echo "eval events: the shipped model was trained on this file; its cross-validated figures are in models/events-v1/meta.json"
	$(BIN)/newsint eval events ../shared/datasets/case2021-task2-event-types/dev_30pct_with_labels.tsv
	$(BIN)/newsint eval timeline ../shared/datasets/semeval2015-task4-timeline

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
