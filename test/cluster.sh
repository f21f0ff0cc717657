# shellcheck shell=bash
# test/cluster.sh — a throwaway PostgreSQL cluster for tests, demos and benchmarks.
#
#   source test/cluster.sh
#   cluster_start            # initdb + start; exports PGHOST PGPORT PGUSER PGDATABASE
#   psql -c 'select 1'
#   cluster_restart          # after ALTER SYSTEM of a restart-only setting
#   cluster_stop             # also runs on EXIT
#
# It never touches a system cluster or assumes one is running: everything lives in a
# mktemp directory that is removed again. initdb refuses to run as root, so as root the
# server runs as the OS user "postgres" (created if missing); otherwise as ourselves.
# Set CLUSTER_KEEP=1 to keep the directory (and its server log) after stopping.

CLUSTER_DIR=${CLUSTER_DIR:-}
# The database's default collation provider: libc (C.UTF-8) or icu (the root locale "und",
# which sorts unlike C: expected outputs must not depend on it).
CLUSTER_PROVIDER=${CLUSTER_PROVIDER:-libc}

# Run a command as the cluster's owner, from a directory that owner can read
# (postgres complains if it cannot resolve its working directory).
_cluster_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd "$CLUSTER_DIR" && runuser -u postgres -- "$@")
	else
		(cd "$CLUSTER_DIR" && "$@")
	fi
}

# A TCP port nothing listens on. Collisions between the check and the server start are
# still possible, so cluster_start retries with another port.
_cluster_free_port() {
	local port
	for _ in $(seq 50); do
		port=$((20000 + RANDOM % 30000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	echo "cluster: no free TCP port found" >&2
	return 1
}

cluster_start() {
	local bindir port tries
	bindir=$(pg_config --bindir)
	if [ -n "$CLUSTER_DIR" ]; then
		echo "cluster: already running in $CLUSTER_DIR" >&2
		return 1
	fi
	# The socket lives in this directory and its path may not exceed 107 bytes.
	local tmp=${TMPDIR:-/tmp}
	[ ${#tmp} -le 60 ] || tmp=/tmp
	CLUSTER_DIR=$(mktemp -d "$tmp/whosaid-pg.XXXXXX")
	trap cluster_stop EXIT
	trap 'exit 130' INT TERM

	if [ "$(id -u)" -eq 0 ]; then
		if ! id postgres >/dev/null 2>&1; then
			useradd --system --user-group --no-create-home --home-dir /nonexistent \
				--shell /usr/sbin/nologin postgres
		fi
		chown postgres: "$CLUSTER_DIR"
	fi

	# C.UTF-8 gives UTF-8 character classes without depending on installed locales;
	# very old systems only have "C".
	local provider=()
	case $CLUSTER_PROVIDER in
	libc) ;;
	icu) provider=(--locale-provider=icu --icu-locale=und) ;;
	*)
		echo "cluster: CLUSTER_PROVIDER is libc or icu, not $CLUSTER_PROVIDER" >&2
		return 1
		;;
	esac
	if ! _cluster_as_owner "$bindir/initdb" -D "$CLUSTER_DIR/data" --auth=trust -U postgres \
		-E UTF8 --locale=C.UTF-8 "${provider[@]}" >"$CLUSTER_DIR/initdb.log" 2>&1; then
		rm -rf "$CLUSTER_DIR/data"
		if ! _cluster_as_owner "$bindir/initdb" -D "$CLUSTER_DIR/data" --auth=trust -U postgres \
			-E UTF8 --locale=C "${provider[@]}" >"$CLUSTER_DIR/initdb.log" 2>&1; then
			cat "$CLUSTER_DIR/initdb.log" >&2
			echo "cluster: initdb failed" >&2
			return 1
		fi
	fi

	# Durability is pointless for a cluster that is deleted afterwards; isolation tests
	# want prepared transactions and a few spare connections.
	cat >>"$CLUSTER_DIR/data/postgresql.conf" <<-EOF

		# --- whosaid test settings (test/cluster.sh)
		listen_addresses = '127.0.0.1'
		unix_socket_directories = '$CLUSTER_DIR'
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		max_connections = 40
		max_prepared_transactions = 10
		shared_buffers = 128MB
		dynamic_shared_memory_type = mmap
		lc_messages = 'C'
		log_min_messages = warning
		log_min_error_statement = error
		log_line_prefix = '%m [%p] '
	EOF

	for tries in 1 2 3; do
		port=$(_cluster_free_port)
		if _cluster_as_owner "$bindir/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" \
			-o "-p $port" -w -t 60 start >/dev/null; then
			export PGHOST="$CLUSTER_DIR" PGPORT="$port" PGUSER=postgres PGDATABASE=postgres
			unset PGPASSWORD PGSERVICE PGOPTIONS
			return 0
		fi
		echo "cluster: start on port $port failed (try $tries)" >&2
	done
	tail -n 30 "$CLUSTER_DIR/server.log" >&2 || true
	return 1
}

cluster_stop() {
	[ -n "$CLUSTER_DIR" ] || return 0
	if [ -f "$CLUSTER_DIR/data/postmaster.pid" ]; then
		_cluster_as_owner "$(pg_config --bindir)/pg_ctl" -D "$CLUSTER_DIR/data" -m fast -w \
			stop >/dev/null 2>&1 ||
			_cluster_as_owner "$(pg_config --bindir)/pg_ctl" -D "$CLUSTER_DIR/data" -m immediate \
				-w stop >/dev/null 2>&1 || true
	fi
	if [ "${CLUSTER_KEEP:-0}" = 1 ]; then
		echo "cluster: kept $CLUSTER_DIR" >&2
	else
		rm -rf "$CLUSTER_DIR"
	fi
	CLUSTER_DIR=
	unset PGHOST PGPORT
}

# Restart the server (after ALTER SYSTEM of a setting that needs it, such as
# shared_preload_libraries), on the same port.
cluster_restart() {
	[ -n "$CLUSTER_DIR" ] || return 1
	_cluster_as_owner "$(pg_config --bindir)/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" \
		-m fast -w -t 60 restart >/dev/null
}

# The server log, for a script that wants to show it after a failure.
cluster_log() {
	[ -n "$CLUSTER_DIR" ] && [ -f "$CLUSTER_DIR/server.log" ] && cat "$CLUSTER_DIR/server.log"
}
