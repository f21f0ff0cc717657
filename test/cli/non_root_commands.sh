#!/usr/bin/env bash
# `make demo` and `make test` work for a user who is not root and has no sudo, once
# the dependencies are installed and the extension is installed (issue 21, item 15):
# test/deps.sh needs nothing more, and test/build.sh's install_ext installs nothing
# when the installed files equal the build, or says what to run when they do not,
# instead of calling sudo.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
# shellcheck source=test/build.sh
source test/build.sh

if ! installed_ext_is_current; then
	echo "skipped: the installed whosaid is not this build (run make install first)"
	exit 77
fi

if [ "$(id -u)" -ne 0 ]; then
	# We are the non-root user.
	bash test/deps.sh
	install_ext
	echo "ok: deps and install as $(id -un)"
	exit 0
fi

# As root: a copy of the checkout, built, that the user nobody can read, and PATH
# with the same pg_config.
user=nobody
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
tar -C "$ROOT" --exclude=./.git --exclude=./build/test-logs --exclude=./build/fuzz-corpus --exclude=./build/matrix -cf - . |
	tar -C "$work" -xf -
as_user() {
	(cd "$work" && runuser -u "$user" -- env PATH="$PATH" HOME="$work" timeout 60 bash -c "$1")
}

out=$(as_user 'bash test/deps.sh && source test/build.sh && install_ext' 2>&1) || {
	echo "$out"
	echo "FAIL: deps or install_ext failed for $user with everything installed"
	exit 1
}
echo "$out"
echo "ok: deps and install_ext as $user with everything installed"

# A build that differs from the installed one: a clear message, no sudo prompt.
printf 'x' >>"$work/whosaid.so"
rc=0
out=$(as_user 'source test/build.sh && install_ext' 2>&1) || rc=$?
echo "$out"
if [ "$rc" -eq 0 ] || ! grep -q "sudo make install" <<<"$out"; then
	echo "FAIL: expected install_ext to fail for $user and say what to run"
	exit 1
fi
echo "ok: a different build gives a clear message"
