# Sourced by .ci/run (and usable by hand: `source .ci/postgres.sh && pg_start`):
# a throw-away PostgreSQL cluster for the history-store tests, in a temp folder,
# on a free local port, as an unprivileged user (postgres refuses to run as root).
# pg_start exports PREREVIEW_TEST_POSTGRES_URL; pg_stop stops the server by pid.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DIR=""
PG_PID=""

_pg_as() {
    # Run a command as the cluster's owner: the postgres user when we are root.
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    if [ ! -x "${PG_BIN}/postgres" ]; then
        echo "ci: installing postgresql (Debian package)"
        if ! { apt-get update -qq &&
               DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                   postgresql >/dev/null; }; then
            echo "ci: WARNING: apt-get could not install postgresql; the postgres tests will skip" >&2
            return 0
        fi
    fi
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    PG_DIR="$(mktemp -d /tmp/prereview-pg.XXXXXX)"
    chmod 0755 "${PG_DIR}"
    [ "$(id -u)" -eq 0 ] && chown postgres "${PG_DIR}"
    local port
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
    if ! _pg_as "${PG_BIN}/initdb" -D "${PG_DIR}/data" -U postgres -A trust -E UTF8 \
            --no-locale --no-sync >"${PG_DIR}/initdb.log" 2>&1; then
        echo "ci: WARNING: initdb failed; the postgres tests will skip:" >&2
        tail -5 "${PG_DIR}/initdb.log" >&2
        return 0
    fi
    if ! _pg_as "${PG_BIN}/pg_ctl" -D "${PG_DIR}/data" -l "${PG_DIR}/server.log" -w -t 60 \
            -o "-p ${port} -k ${PG_DIR} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" \
            start >/dev/null; then
        echo "ci: WARNING: PostgreSQL did not start; the postgres tests will skip:" >&2
        tail -5 "${PG_DIR}/server.log" >&2
        return 0
    fi
    PG_PID="$(head -1 "${PG_DIR}/data/postmaster.pid")"
    export PREREVIEW_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:${port}/postgres"
    echo "ci: PostgreSQL $("${PG_BIN}/postgres" --version | awk '{print $3}') on 127.0.0.1:${port} (pid ${PG_PID})"
}

pg_stop() {
    if [ -n "${PG_PID}" ] && kill -0 "${PG_PID}" 2>/dev/null; then
        kill -TERM "${PG_PID}" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "${PG_PID}" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "${PG_PID}" 2>/dev/null || true
        echo "ci: PostgreSQL (pid ${PG_PID}) stopped"
    fi
    PG_PID=""
    if [ -n "${PG_DIR}" ]; then
        rm -rf "${PG_DIR}"
        PG_DIR=""
    fi
}
