#!/usr/bin/env bash
# test/build.sh — build and install the extension and the CLI.
# Sourced: defines build_all and install_ext. Run: does both.

# make's stdin is /dev/null: with no src/sql pieces yet, the rule that concatenates them
# would otherwise run a bare `cat` that waits on the terminal.
build_all() {
	make -j2 </dev/null
}

# The extension goes into the server's directories, which usually belong to root.
# Nothing to do when the installed files already equal the built ones (an admin ran
# `sudo make install`); otherwise install directly when we may write there, with sudo
# when it needs no password, or say what to do.
installed_ext_is_current() {
	local lib share f
	lib=$(pg_config --pkglibdir)
	share=$(pg_config --sharedir)/extension
	cmp -s whosaid.so "$lib/whosaid.so" || return 1
	for f in whosaid.control whosaid--*.sql data/*.model; do
		[ -e "$f" ] || continue
		cmp -s "$f" "$share/$(basename "$f")" || return 1
	done
}

install_ext() {
	local lib share pg_config
	pg_config=$(command -v pg_config)
	lib=$(pg_config --pkglibdir)
	share=$(pg_config --sharedir)/extension
	if [ "$(id -u)" -eq 0 ] || { [ -w "$lib" ] && [ -w "$share" ]; }; then
		make install PG_CONFIG="$pg_config" </dev/null >/dev/null
	elif installed_ext_is_current; then
		echo "install: the installed whosaid equals this build; nothing to install"
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		sudo make install PG_CONFIG="$pg_config" </dev/null >/dev/null
	else
		echo "install: $(id -un) cannot write $lib and $share, and there is no password-less sudo." >&2
		echo "install: run 'sudo make install' (or 'make install' as root) once, then run this again." >&2
		return 1
	fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -euo pipefail
	cd "$(dirname "${BASH_SOURCE[0]}")/.."
	build_all
	install_ext
fi
