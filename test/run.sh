#!/usr/bin/env bash
# test/run.sh — `make test`: build, install, start a throwaway cluster and run every test.
# The last line is always "N passed, M failed, K skipped"; the exit status is non-zero when
# anything failed (the build included). How tests are counted: test/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
# shellcheck source=test/build.sh
source test/build.sh
# shellcheck source=test/cluster.sh
source test/cluster.sh

LOGS=build/test-logs
FUZZ_SECONDS=${FUZZ_SECONDS:-24} # total libFuzzer time, shared by all targets
SCRIPT_TIMEOUT=${SCRIPT_TIMEOUT:-300}
# test/matrix.sh runs only some parts, in chroots whose packages it installed itself.
TEST_PARTS=${TEST_PARTS:-sql scripts fuzz node}
TEST_DEPS=${TEST_DEPS:-1}

PASSED=0 FAILED=0 SKIPPED=0
FAILURES=()

pass() { PASSED=$((PASSED + 1)); echo "PASS $1"; }
fail() { FAILED=$((FAILED + 1)); FAILURES+=("$1"); echo "FAIL $1"; }
skip() { SKIPPED=$((SKIPPED + 1)); echo "SKIP $1: $2"; }
section() { printf '\n== %s  (at %d s)\n' "$1" "$SECONDS"; }

# Show the end of a log, indented so it stands apart from the PASS/FAIL lines.
show() { tail -n "${2:-40}" "$1" | sed 's/^/    | /'; }

finish() {
	cluster_stop
	echo
	if [ "$FAILED" -gt 0 ]; then
		echo "failed: ${FAILURES[*]}"
		echo "logs: $LOGS/"
	fi
	echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
	if [ "$FAILED" -gt 0 ]; then exit 1; fi
	exit 0
}

# ------------------------------------------------------------------ build

build_and_install() {
	section "build"
	if [ "$TEST_DEPS" = 1 ] && ! bash test/deps.sh; then
		fail deps
		finish
	fi
	mkdir -p "$LOGS"
	if ! build_all >"$LOGS/build.log" 2>&1; then
		# With -j2 the first error can be far from the end of the log.
		grep -E -A3 ': (fatal )?error|undefined reference|\*\*\*' "$LOGS/build.log" | head -n 60 |
			sed 's/^/    | /' || show "$LOGS/build.log" 60
		fail build
		finish
	fi
	if ! install_ext >"$LOGS/install.log" 2>&1; then
		show "$LOGS/install.log"
		fail install
		finish
	fi
	echo "built and installed ($(pg_config --version))"
}

# ------------------------------------------------------------------ pg_regress

# Prints "ok NAME" or "fail NAME" for each test in pg_regress output. PG 15 and older
# print "test NAME ... ok|FAILED" (indented, without "test", inside parallel groups);
# PG 16 and newer print TAP: "ok 1 - NAME" / "not ok 2 - NAME" ("+" in parallel groups).
parse_pg_regress() {
	awk '
		/^(not )?ok [0-9]+ +[-+] / {
			if ($1 == "not") print "fail", $5; else print "ok", $4
			next
		}
		/ \.\.\. / {
			line = $0
			sub(/^[ \t]*(test[ \t]+)?/, "", line)
			name = line; sub(/[ \t].*/, "", name)
			status = line; sub(/^[^.]*\.\.\.[ \t]*/, "", status)
			# Anything else (e.g. "diff: ...: No such file") is a failure too.
			if (status ~ /^ok/ || status ~ /\(ignored\)/) print "ok", name
			else print "fail", name
		}
	' "$1"
}

# Runs one pg_regress suite through PGXS (make installcheck, against our cluster via
# PGHOST/PGPORT) and counts each of its tests. $1 = label, $2 = diffs file, $3 = the
# suite's test files (their base names are the tests), rest = make args.
run_pg_regress() {
	local label=$1 diffs=$2 pattern=$3 log="$LOGS/$1.log" status name rc=0 nfail=0 f
	local -A seen=()
	shift 3
	rm -f "$diffs"
	make installcheck "$@" </dev/null >"$log" 2>&1 || rc=$?
	while read -r status name; do
		seen[$name]=1
		if [ "$status" = ok ]; then
			pass "$label/$name"
		else
			fail "$label/$name"
			nfail=$((nfail + 1))
		fi
	done < <(parse_pg_regress "$log")
	# pg_regress stops at some errors (a missing expected file, a failed CREATE EXTENSION):
	# the tests it never reached fail too.
	while read -r f; do
		name=$(basename "${f%.*}")
		if [ -z "${seen[$name]:-}" ]; then
			fail "$label/$name (not run)"
			nfail=$((nfail + 1))
		fi
	done < <(compgen -G "$pattern")
	if [ "$rc" -ne 0 ]; then
		[ "$nfail" -gt 0 ] || fail "$label (pg_regress exit $rc)"
		show "$log" 8
	fi
	if [ -s "$diffs" ]; then
		echo "    --- $diffs (first 200 lines)"
		head -n 200 "$diffs" | sed 's/^/    | /'
	fi
}

test_sql() {
	section "pg_regress"
	if compgen -G 'sql/*.sql' >/dev/null; then
		run_pg_regress regress regression.diffs 'sql/*.sql' ISOLATION=
	else
		skip regress "no sql/*.sql"
	fi
	if compgen -G 'specs/*.spec' >/dev/null; then
		run_pg_regress isolation output_iso/regression.diffs 'specs/*.spec' REGRESS=
	else
		skip isolation "no specs/*.spec"
	fi
}

# ------------------------------------------------------------------ script tests

# Each test/cli/*.sh (test/slow/*.sh for `make check-slow`) is one test: exit 0 passes,
# 77 skips (its last line says why), anything else fails. They run from the repository
# root with the cluster's PG* variables, WHOSAID_BIN and WHOSAID_SHARED. $1 = the directory.
test_scripts() {
	local dir=${1:-cli} t name log rc
	section "script tests (test/$dir)"
	for t in test/"$dir"/*.sh; do
		[ -e "$t" ] || { skip "$dir" "no test/$dir/*.sh"; return; }
		name=$dir/$(basename "$t" .sh)
		log="$LOGS/$(basename "$t" .sh).log"
		rc=0
		WHOSAID_BIN="$ROOT/build/whosaid" WHOSAID_SHARED="$ROOT/../shared" \
			timeout "$SCRIPT_TIMEOUT" bash "$t" </dev/null >"$log" 2>&1 || rc=$?
		case $rc in
		0) pass "$name" ;;
		77) skip "$name" "$(tail -n 1 "$log")" ;;
		*)
			show "$log"
			fail "$name (exit $rc)"
			;;
		esac
	done
}

# ------------------------------------------------------------------ fuzz smoke

# libFuzzer needs clang plus its runtime (libclang-rt-14-dev on Debian 12).
have_libfuzzer() {
	local dir ok=1
	command -v clang >/dev/null 2>&1 || return 1
	dir=$(mktemp -d)
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void) d; (void) n; return 0; }' \
		>"$dir/t.c"
	clang -fsanitize=fuzzer,address,undefined -o "$dir/t" "$dir/t.c" >/dev/null 2>&1 || ok=0
	rm -rf "$dir"
	[ "$ok" = 1 ]
}

test_fuzz() {
	local targets=() f name secs rc
	section "fuzz smoke (libFuzzer)"
	if ! compgen -G 'test/fuzz/fuzz_*.c' >/dev/null; then
		skip fuzz "no test/fuzz/fuzz_*.c"
		return
	fi
	if ! have_libfuzzer; then
		skip fuzz "clang with libFuzzer is not available"
		return
	fi
	if ! make -j2 fuzz </dev/null >"$LOGS/fuzz-build.log" 2>&1; then
		show "$LOGS/fuzz-build.log"
		fail "fuzz (build)"
		return
	fi
	for f in test/fuzz/fuzz_*.c; do
		targets+=("build/$(basename "$f" .c)")
	done
	secs=$((FUZZ_SECONDS / ${#targets[@]}))
	[ "$secs" -ge 5 ] || secs=5
	mkdir -p build/fuzz-artifacts
	for f in "${targets[@]}"; do
		name=$(basename "$f")
		# New inputs go to the first corpus dir: keep it under build/, not in git.
		mkdir -p "build/fuzz-corpus/$name"
		rm -f "build/fuzz-artifacts/$name-"*
		rc=0
		timeout $((secs + 120)) "$f" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix="build/fuzz-artifacts/$name-" -print_final_stats=1 \
			"build/fuzz-corpus/$name" test/fuzz/corpus >"$LOGS/$name.log" 2>&1 || rc=$?
		if [ "$rc" -eq 0 ]; then
			pass "fuzz/$name (${secs}s, $(grep -a -m1 -o 'stat::number_of_executed_units: *[0-9]*' \
				"$LOGS/$name.log" | grep -o '[0-9]*$' || echo '?') runs)"
		else
			# The report without libFuzzer's progress lines and the stack frames outside
			# the project's code.
			grep -a -vE '^INFO:|^#[0-9]+[[:space:]]|^ *$' "$LOGS/$name.log" |
				awk '!/^ +#[0-9]+ 0x/ || /(src|test)\//' | head -n 40 | sed 's/^/    | /'
			fail "fuzz/$name (exit $rc; crash inputs in build/fuzz-artifacts/)"
		fi
	done
}

# ------------------------------------------------------------------ node tests

# node --test with the TAP reporter ends with "# pass N", "# fail N", ... lines; each
# node test counts as one test here.
test_node() {
	local log="$LOGS/node.log" rc=0 p f c s
	section "node tests (test/node)"
	if [ ! -f test/node/package.json ]; then
		skip node "no test/node/package.json"
		return
	fi
	if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
		skip node "node or npm not installed"
		return
	fi
	if ! (cd test/node && npm install --no-audit --no-fund --loglevel=error) \
		</dev/null >"$LOGS/npm-install.log" 2>&1; then
		show "$LOGS/npm-install.log"
		fail "node (npm install)"
		return
	fi
	(cd test/node && WHOSAID_BIN="$ROOT/build/whosaid" timeout "$SCRIPT_TIMEOUT" \
		node --test --test-reporter=tap) </dev/null >"$log" 2>&1 || rc=$?
	p=$(awk '/^# pass /{print $3}' "$log" | tail -n 1)
	f=$(awk '/^# fail /{print $3}' "$log" | tail -n 1)
	c=$(awk '/^# cancelled /{print $3}' "$log" | tail -n 1)
	s=$(awk '/^# (skipped|todo) /{n += $3} END {print n + 0}' "$log")
	if [ -z "$p" ]; then
		show "$log"
		fail "node (no test summary, exit $rc)"
		return
	fi
	f=$((${f:-0} + ${c:-0}))
	PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + s))
	echo "node: $p passed, $f failed, $s skipped"
	if [ "$f" -gt 0 ]; then
		FAILURES+=(node)
		# Each failed test's TAP block: its name, the error and where it was thrown.
		awk '/^ *not ok /{on = 1; n = 0} on && n++ < 12 {print "    | " $0} /^ *\.\.\.$/{on = 0}' "$log"
	elif [ "$rc" -ne 0 ]; then
		# A non-zero exit with no failed test (a crash after the summary) still fails.
		show "$log"
		fail "node (exit $rc)"
	fi
}

# ------------------------------------------------------------------ main

# `make check-slow`: the timing checks only, against the CLI make has just built.
main_slow() {
	mkdir -p "$LOGS"
	test_scripts slow
	section "done"
	finish
}

# `make check-dashboard`: the dashboard example built against a cluster and checked in
# headless Chromium (test/dashboard/*.sh, a few minutes: npm ci, a build, a browser).
main_dashboard() {
	mkdir -p "$LOGS"
	build_and_install
	section "cluster"
	if ! cluster_start; then
		fail cluster
		finish
	fi
	test_scripts dashboard
	section "done"
	finish
}

main() {
	if [ "${1:-}" = slow ]; then
		main_slow # exits through finish
	fi
	if [ "${1:-}" = dashboard ]; then
		main_dashboard # exits through finish
	fi
	build_and_install
	section "cluster"
	if ! cluster_start; then
		fail cluster
		finish
	fi
	echo "throwaway cluster on port $PGPORT (${CLUSTER_PROVIDER:-libc} provider)"
	local part
	for part in $TEST_PARTS; do
		"test_$part"
	done
	section "done"
	finish
}

# Sourcing only defines the functions (the parser is tested that way).
if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi

