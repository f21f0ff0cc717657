#!/usr/bin/env bash
# test/deps.sh — install the Debian packages that building and testing whosaid need,
# only those that are missing, so a second run costs nothing and needs no network.
set -euo pipefail

# package[:command][?] — with a command, a tool already on PATH counts as present: Node.js
# often comes from NodeSource, whose nodejs bundles npm and conflicts with Debian's npm.
# A trailing ? marks what only some tests need (fuzzing, node, the dashboard): when it is missing and
# cannot be installed, those tests skip.
WANT=(
	postgresql-15
	postgresql-server-dev-15
	libicu-dev
	pkg-config
	gcc
	make
	clang?
	libclang-rt-14-dev? # libFuzzer and sanitizer runtimes for clang 14
	python3:python3
	nodejs:node?
	npm:npm?
	chromium:chromium? # make check-dashboard: examples/dashboard/ in a headless browser
)

installed() {
	[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

# A PostgreSQL or ICU built or installed some other way counts too.
present_otherwise() {
	case $1 in
	postgresql-15) command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/postgres" ] ;;
	postgresql-server-dev-15) command -v pg_config >/dev/null 2>&1 &&
		[ -f "$(pg_config --includedir-server)/postgres.h" ] ;;
	libicu-dev) pkg-config --exists icu-uc icu-i18n 2>/dev/null ;;
	pkg-config | gcc | make | clang) command -v "$1" >/dev/null 2>&1 ;;
	*) return 1 ;;
	esac
}

missing=() required=()
for entry in "${WANT[@]}"; do
	optional=0
	case $entry in *\?) optional=1 entry=${entry%\?} ;; esac
	pkg=${entry%%:*}
	cmd=${entry#*:}
	[ "$cmd" = "$entry" ] && cmd=
	if installed "$pkg" || present_otherwise "$pkg" ||
		{ [ -n "$cmd" ] && command -v "$cmd" >/dev/null 2>&1; }; then
		continue
	fi
	missing+=("$pkg")
	[ "$optional" = 1 ] || required+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

SUDO=
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		SUDO=sudo
	elif [ ${#required[@]} -eq 0 ]; then
		echo "deps: not installed (the tests that need them are skipped): ${missing[*]}"
		exit 0
	else
		echo "deps: missing ${required[*]}; $(id -un) is not root and has no password-less sudo." >&2
		echo "deps: as root, run: apt-get install ${missing[*]}" >&2
		exit 1
	fi
fi

echo "deps: installing ${missing[*]}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
# Output goes to a log that is shown only when apt fails, so a CI log stays readable.
if ! $SUDO apt-get update -qq >"$log" 2>&1 ||
	! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >>"$log" 2>&1; then
	cat "$log" >&2
	echo "deps: apt-get failed" >&2
	exit 1
fi
echo "deps: done"
