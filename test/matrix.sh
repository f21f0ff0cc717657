#!/usr/bin/env bash
# test/matrix.sh — the suite on other PostgreSQL major versions and collation providers.
#
#   bash test/matrix.sh 17 18          PostgreSQL 17 and 18, each with a libc and an ICU cluster
#   bash test/matrix.sh 15/icu 17/libc one provider only
#
# The host's own major version (15 on Debian 12) runs on the host. Any other runs in a
# chroot of the Debian suite that packages it (17: trixie, 18: forky), made with debootstrap
# under $MATRIX_CACHE (default build/matrix; everything there can be rebuilt and is reused
# when present). Needs root on a Debian host. In each chroot: the PGDG-free Debian packages
# postgresql-N, postgresql-server-dev-N, ICU, a compiler and python3; a copy of the checkout
# is built there and runs test/run.sh's pg_regress, isolation and script tests.
#
# Output: test/run.sh's PASS/FAIL/SKIP lines prefixed with the run ("pg17-icu regress/quotes"),
# one "pgN-PROVIDER: N passed, M failed, K skipped" line per run, and last the sum as
# "N passed, M failed, K skipped"; the exit status is non-zero when anything failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
CACHE=${MATRIX_CACHE:-$ROOT/build/matrix}
MIRROR=${MATRIX_MIRROR:-http://deb.debian.org/debian}
LOGS=$ROOT/build/test-logs/matrix
# What each run covers: the fuzzers and node tests do not depend on the server.
PARTS=${MATRIX_PARTS:-sql scripts}
PKGS_COMMON=(libicu-dev pkg-config gcc make python3 ca-certificates)

PASSED=0 FAILED=0 SKIPPED=0
FAILURES=()
MOUNTED=()

suite_of() {
	case $1 in
	15) echo bookworm ;;
	17) echo trixie ;;
	18) echo forky ;;
	*) return 1 ;;
	esac
}

host_major() {
	pg_config --version 2>/dev/null | sed -E 's/^PostgreSQL ([0-9]+).*/\1/'
}

cleanup() {
	local m
	for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
		m=${MOUNTED[i]}
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
	done
	MOUNTED=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One run's output: its PASS/FAIL/SKIP lines get the run's label, its summary line is
# renamed (so that only the matrix's own total has the bare form) and counted.
relabel() {
	local label=$1 line p f s
	while IFS= read -r line; do
		if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
			p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]} s=${BASH_REMATCH[3]}
			echo "$label: $line"
			echo "$p $f $s" >"$LOGS/$label.counts"
		elif [[ $line =~ ^(PASS|FAIL|SKIP)\ (.*)$ ]]; then
			echo "${BASH_REMATCH[1]} $label ${BASH_REMATCH[2]}"
		else
			echo "$line"
		fi
	done
}

# Adds a run's counts to the total; a run that printed no summary is one failure.
count() {
	local label=$1 p f s
	if [ -s "$LOGS/$label.counts" ]; then
		read -r p f s <"$LOGS/$label.counts"
	else
		p=0 f=1 s=0
		echo "FAIL $label (no summary line)"
	fi
	PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + s))
	[ "$f" -eq 0 ] || FAILURES+=("$label")
}

# The chroot for major version $1, made once: debootstrap, then the packages.
make_chroot() {
	local v=$1 suite dir script start
	suite=$(suite_of "$v")
	dir=$CACHE/$suite-pg$v
	if [ -f "$dir/.whosaid-ready" ]; then
		echo "matrix: reusing $dir"
		return 0
	fi
	if ! command -v debootstrap >/dev/null 2>&1; then
		echo "matrix: installing debootstrap"
		if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends debootstrap; } >"$LOGS/apt-host.log" 2>&1; then
			cat "$LOGS/apt-host.log" >&2
			return 1
		fi
	fi
	if [ ! -f "$dir/.whosaid-debootstrapped" ]; then
		start=$SECONDS
		rm -rf "$dir"
		mkdir -p "$dir"
		# An older debootstrap has no script for the newest suites; sid's fits them all.
		script=/usr/share/debootstrap/scripts/$suite
		[ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid
		echo "matrix: debootstrap $suite into $dir (log: $LOGS/debootstrap-$suite.log)"
		if ! debootstrap --variant=minbase "$suite" "$dir" "$MIRROR" "$script" \
			>"$LOGS/debootstrap-$suite.log" 2>&1; then
			tail -n 30 "$LOGS/debootstrap-$suite.log" >&2
			return 1
		fi
		touch "$dir/.whosaid-debootstrapped"
		echo "matrix: debootstrap $suite took $((SECONDS - start)) s"
	fi
	# Installing packages must start no server and create no cluster; forky's Release
	# file may be past its Valid-Until date on the mirror.
	printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
	chmod +x "$dir/usr/sbin/policy-rc.d"
	mkdir -p "$dir/etc/postgresql-common"
	echo 'create_main_cluster = false' >"$dir/etc/postgresql-common/createcluster.conf"
	echo 'Acquire::Check-Valid-Until "false";' >"$dir/etc/apt/apt.conf.d/99whosaid-valid-until"
	cp /etc/resolv.conf "$dir/etc/resolv.conf"
	# postgresql-common's postinst runs systemd-tmpfiles, which needs /proc (forky).
	mount_chroot "$dir"
	start=$SECONDS
	if ! chroot "$dir" /usr/bin/env DEBIAN_FRONTEND=noninteractive sh -c "
		dpkg --configure -a && apt-get update -qq &&
		apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold \
			postgresql-$v postgresql-server-dev-$v ${PKGS_COMMON[*]}" \
		>"$LOGS/apt-$suite.log" 2>&1; then
		tail -n 30 "$LOGS/apt-$suite.log" >&2
		return 1
	fi
	echo "matrix: packages for PostgreSQL $v took $((SECONDS - start)) s"
	touch "$dir/.whosaid-ready"
}

# /proc and /dev in the chroot, for package scripts and the server; unmounted on exit.
mount_chroot() {
	local dir=$1
	mountpoint -q "$dir/proc" || { mount -t proc proc "$dir/proc" && MOUNTED+=("$dir/proc"); }
	mountpoint -q "$dir/dev" || { mount --bind /dev "$dir/dev" && MOUNTED+=("$dir/dev"); }
}

# A fresh copy of the checkout (tracked and untracked files, nothing git ignores) in the
# chroot, mounted.
enter_chroot() {
	local dir=$1
	rm -rf "$dir/whosaid"
	mkdir -p "$dir/whosaid"
	(git ls-files -z -co --exclude-standard | tar --null -T - -cf -) | tar -C "$dir/whosaid" -xf -
	mount_chroot "$dir"
}

# test/run.sh for one version and provider, on the host or in the chroot.
run_one() {
	local v=$1 provider=$2 label="pg$1-$2" dir env
	env=(TEST_DEPS=0 "TEST_PARTS=$PARTS" "CLUSTER_PROVIDER=$provider" CI="${CI:-}")
	printf '\n==== %s  (at %d s)\n' "$label" "$SECONDS"
	rm -f "$LOGS/$label.counts"
	if [ "$v" = "$(host_major)" ]; then
		env "${env[@]}" TEST_DEPS=1 bash test/run.sh </dev/null 2>&1 | relabel "$label" || true
	else
		dir=$CACHE/$(suite_of "$v")-pg$v
		enter_chroot "$dir"
		chroot "$dir" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
			PATH="/usr/lib/postgresql/$v/bin:/usr/sbin:/usr/bin:/sbin:/bin" "${env[@]}" \
			bash -c 'cd /whosaid && bash test/run.sh' </dev/null 2>&1 | relabel "$label" || true
	fi
	count "$label"
}

main() {
	local arg v providers p runs=()
	[ $# -gt 0 ] || { echo "usage: $0 VERSION[/libc|/icu]..." >&2; exit 2; }
	[ "$(id -u)" -eq 0 ] || { echo "matrix: needs root (debootstrap, chroot)" >&2; exit 2; }
	mkdir -p "$LOGS" "$CACHE"
	for arg in "$@"; do
		v=${arg%%/*}
		providers="libc icu"
		[ "$v" = "$arg" ] || providers=${arg#*/}
		suite_of "$v" >/dev/null || { echo "matrix: no Debian suite known for PostgreSQL $v" >&2; exit 2; }
		for p in $providers; do
			case $p in libc | icu) runs+=("$v/$p") ;; *) echo "matrix: provider $p?" >&2; exit 2 ;; esac
		done
	done
	for arg in "${runs[@]}"; do
		v=${arg%%/*}
		if [ "$v" != "$(host_major)" ] && ! make_chroot "$v"; then
			echo "FAIL pg$v-${arg#*/} (chroot)"
			FAILED=$((FAILED + 1)) FAILURES+=("pg$v chroot")
			continue
		fi
		run_one "$v" "${arg#*/}"
	done
	cleanup
	echo
	[ "$FAILED" -eq 0 ] || echo "failed: ${FAILURES[*]}"
	echo "matrix took $SECONDS s"
	echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
	[ "$FAILED" -eq 0 ]
}

main "$@"
