#!/usr/bin/env bash
# test/deps.sh — install the Debian packages that building and testing whosaid need,
# only those that are missing, so a second run costs nothing and needs no network.
set -euo pipefail

# package[:command] — with a command, a tool already on PATH counts as present: Node.js
# often comes from NodeSource, whose nodejs bundles npm and conflicts with Debian's npm.
WANT=(
	postgresql-15
	postgresql-server-dev-15
	libicu-dev
	pkg-config
	gcc
	make
	clang
	libclang-rt-14-dev # libFuzzer and sanitizer runtimes for clang 14
	python3:python3
	nodejs:node
	npm:npm
)

installed() {
	[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

missing=()
for entry in "${WANT[@]}"; do
	pkg=${entry%%:*}
	cmd=${entry#*:}
	[ "$cmd" = "$entry" ] && cmd=
	if installed "$pkg" || { [ -n "$cmd" ] && command -v "$cmd" >/dev/null 2>&1; }; then
		continue
	fi
	missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

SUDO=
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
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
