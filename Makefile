# whosaid — PGXS build, plus the command-line tool, fuzzers and the
# developer targets (demo, test, eval, bench, model).
#
#   make && sudo make install     build and install the extension
#   make demo                     throwaway cluster, seed articles, who-said-what table
#   make test                     every test; last line "N passed, M failed"
#   make check-slow               the timing checks (CI runs them too)
#   make check-dashboard          examples/dashboard/ in headless Chromium (CI runs it too)
#   make eval / make bench        accuracy / speed (need ../shared)

EXTENSION   = whosaid
MODULE_big  = whosaid
EXTVERSION  = 0.2

ENGINE_SRCS = $(sort $(wildcard src/engine/*.c))
PG_SRCS     = $(sort $(wildcard src/pg/*.c))
OBJS        = $(ENGINE_SRCS:.c=.o) $(PG_SRCS:.c=.o)

# The install script of this version is assembled from one piece per concern
# (src/sql/NN_*.sql). Released versions keep their install script frozen in the
# repository (whosaid--0.1.sql), beside one update script per release
# (whosaid--0.1--0.2.sql); all are installed, so CREATE EXTENSION ... VERSION and
# ALTER EXTENSION ... UPDATE work for every shipped version (docs/upgrading.md).
SQL_PIECES  = $(sort $(wildcard src/sql/*.sql))
DATA_built  = $(EXTENSION)--$(EXTVERSION).sql
DATA        = $(filter-out $(DATA_built),$(wildcard $(EXTENSION)--*.sql)) $(wildcard data/*.model)

REGRESS      = $(sort $(notdir $(basename $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION)
ISOLATION    = $(sort $(notdir $(basename $(wildcard specs/*.spec))))
ISOLATION_OPTS = --load-extension=$(EXTENSION)

ICU_CFLAGS  := $(shell pkg-config --cflags icu-uc icu-i18n 2>/dev/null)
ICU_LIBS    := $(shell pkg-config --libs icu-uc icu-i18n 2>/dev/null || echo -licui18n -licuuc -licudata)
# -Werror only where asked (`make WERROR=1`, as .ci/run does): a newer compiler's new
# warning must not stop a user's build.
WERROR     ?=
WARN        = -Wall -Wextra $(if $(filter 1,$(WERROR)),-Werror) -Wdeclaration-after-statement -Wno-unused-parameter -Wno-missing-field-initializers

PG_CPPFLAGS = -Isrc/engine $(ICU_CFLAGS) -DWS_EXTVERSION=\"$(EXTVERSION)\"
# Only the fmgr entry points, _PG_init and the magic block are exported
# (pg_compat.h); the engine's ws_* symbols stay inside the library.
PG_CFLAGS   = $(WARN) -fvisibility=hidden
SHLIB_LINK  = $(ICU_LIBS)
EXTRA_CLEAN = build results output_iso regression.diffs regression.out log tmp_check

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(DATA_built): $(SQL_PIECES)
	cat $^ > $@

# The word-class and gazetteer tables are computed at build time by the engine itself
# (tools/gen_tables.c runs its folding and tokenizer over the word lists) and compiled in
# as read-only data, with ICU's compiled word break rules, so that a new backend builds
# nothing on its first call
# (docs/performance.md#cold-start). They follow the ICU this build links, so every build
# makes its own and none is committed.
GEN_TABLES_SRCS = tools/gen_tables.c $(addprefix src/engine/,arena.c gazetteer.c lexicon.c lexicon_data.c tokenizer.c)
ENGINE_TABLES   = src/engine/lexicon_table.inc src/engine/gazetteer_table.inc src/engine/word_rules_table.inc
EXTRA_CLEAN    += $(ENGINE_TABLES)

build/gen_tables: $(GEN_TABLES_SRCS) $(wildcard src/engine/*.h)
	@mkdir -p build
	$(CLI_CC) $(CLI_CFLAGS) $(WARN) -std=c11 -D_GNU_SOURCE -DWS_GEN_TABLES -Isrc/engine $(ICU_CFLAGS) -o $@ $(GEN_TABLES_SRCS) $(ICU_LIBS)

src/engine/%_table.inc: build/gen_tables
	build/gen_tables $* >$@.tmp
	mv $@.tmp $@

$(addprefix src/engine/lexicon,.o .bc) $(addprefix build/,cli/engine/lexicon.o fuzz-engine/engine/lexicon.o): src/engine/lexicon_table.inc
$(addprefix src/engine/gazetteer,.o .bc) $(addprefix build/,cli/engine/gazetteer.o fuzz-engine/engine/gazetteer.o): src/engine/gazetteer_table.inc
$(addprefix src/engine/tokenizer,.o .bc) $(addprefix build/,cli/engine/tokenizer.o fuzz-engine/engine/tokenizer.o): src/engine/word_rules_table.inc

# PGXS tracks no header dependencies; every object depends on every header.
$(OBJS): $(wildcard src/engine/*.h src/pg/*.h)

# The word lists are compiled in: lexicon_data.c is generated from data/lexicons and
# committed (test/cli/lexicon_data_current.sh fails when it is stale). The generator is no
# prerequisite: git writes tools/ after src/, so a fresh clone would regenerate (and need a
# writable checkout); after changing it, run make lexicons.
LEXICON_SRCS = $(sort $(wildcard data/lexicons/*.txt data/lexicons/*.tsv))

src/engine/lexicon_data.c: $(LEXICON_SRCS)
	bash tools/gen_lexicons.sh $@

# ---------------------------------------------------------------- CLI
CLI_CC      ?= cc
CLI_CFLAGS  ?= -O2 -g
CLI_OBJS     = $(patsubst src/%.c,build/cli/%.o,$(ENGINE_SRCS) $(wildcard src/cli/*.c))

all: build/whosaid

build/whosaid: $(CLI_OBJS)
	$(CLI_CC) $(CLI_CFLAGS) -o $@ $^ $(ICU_LIBS) -lm

build/cli/%.o: src/%.c $(wildcard src/engine/*.h) $(wildcard src/cli/*.h)
	@mkdir -p $(dir $@)
	$(CLI_CC) $(CLI_CFLAGS) $(WARN) -std=c11 -D_GNU_SOURCE -Isrc/engine $(ICU_CFLAGS) -c -o $@ $<

# The same-claim dev-set measurement (test/claims_devset.sh), on the engine.
build/claims_measure: test/claims_measure.c $(ENGINE_SRCS) $(ENGINE_TABLES) $(wildcard src/engine/*.h)
	@mkdir -p build
	$(CLI_CC) $(CLI_CFLAGS) $(WARN) -std=c11 -D_GNU_SOURCE -Isrc/engine $(ICU_CFLAGS) -o $@ $< $(ENGINE_SRCS) $(ICU_LIBS) -lm

# ---------------------------------------------------------------- fuzzing
# libFuzzer + ASan + UBSan when clang is available (test/fuzz/README.md). The engine is
# compiled once, instrumented, into a static library that every target links.
FUZZ_CC     ?= clang
FUZZ_SAN     = -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined \
               -fsanitize-coverage-ignorelist=test/fuzz/coverage_ignore.txt
FUZZ_FLAGS   = $(FUZZ_SAN) -fsanitize=fuzzer
FUZZ_OBJS    = $(patsubst src/%.c,build/fuzz-engine/%.o,$(ENGINE_SRCS))
FUZZ_LIB     = build/libwhosaid_fuzz.a

build/fuzz-engine/%.o: src/%.c $(wildcard src/engine/*.h) test/fuzz/coverage_ignore.txt
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(WARN) -D_GNU_SOURCE -Isrc/engine $(ICU_CFLAGS) -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_OBJS)
	rm -f $@
	ar rcs $@ $^

build/fuzz_%: test/fuzz/fuzz_%.c $(FUZZ_LIB) $(wildcard src/engine/*.h test/fuzz/*.h)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(WARN) -D_GNU_SOURCE -Isrc/engine $(ICU_CFLAGS) -o $@ $< $(FUZZ_LIB) $(ICU_LIBS) -lm

fuzz: $(patsubst test/fuzz/fuzz_%.c,build/fuzz_%,$(wildcard test/fuzz/fuzz_*.c))

# ---------------------------------------------------------------- developer targets
.PHONY: demo test check-slow check-dashboard eval bench fuzz model lexicons cli
cli: build/whosaid

demo:
	bash test/demo.sh

test:
	bash test/run.sh

# Checks that time the engine (test/slow/*.sh): CI runs them, a contributor may skip them.
check-slow: build/whosaid
	bash test/run.sh slow

# examples/dashboard/ built against a throwaway cluster and checked in headless Chromium
# (test/dashboard/): needs node, npm and chromium, else it skips. CI runs it.
check-dashboard:
	bash test/run.sh dashboard

eval: build/whosaid
	bash test/eval.sh

bench:
	bash test/bench.sh

model: build/whosaid
	bash test/train_model.sh

lexicons:
	bash tools/gen_lexicons.sh
