#!/usr/bin/env bash
# test/build.sh — build and install the extension and the CLI.
# Sourced: defines build_all and install_ext. Run: does both.

# make's stdin is /dev/null: with no src/sql pieces yet, the rule that concatenates them
# would otherwise run a bare `cat` that waits on the terminal.
build_all() {
	make -j2 </dev/null
}

# The extension goes into the server's directories, which belong to root.
install_ext() {
	local sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo make install PG_CONFIG="$(command -v pg_config)" </dev/null >/dev/null
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -euo pipefail
	cd "$(dirname "${BASH_SOURCE[0]}")/.."
	build_all
	install_ext
fi
