#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the shard store's tests (Debian's postgresql
# package): a new cluster in FOLDER, a role (which may create databases: the schema test makes
# its own) and a database for wavelength, password
# authentication over TCP (scram-sha-256), as a team's server would be set up.
#
#   eval "$(scripts/postgres_test_server.sh start FOLDER [PORT])"   # exports WAVELENGTH_TEST_POSTGRES_URL
#   swift test --filter WaveStorePostgresTests
#   scripts/postgres_test_server.sh stop FOLDER
#
# Run as root, the server runs as the postgres user (initdb refuses root); otherwise as you.
set -euo pipefail

command="${1:-}"; folder="${2:-}"; port="${3:-55432}"
[ -n "$command" ] && [ -n "$folder" ] || { echo "usage: $0 start|stop FOLDER [PORT]" >&2; exit 2; }
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "PostgreSQL's server is not installed (apt-get install -y postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
start)
  mkdir -p "$folder"
  folder="$(cd "$folder" && pwd)"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$folder"
  password="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  as_owner "$bin/initdb" -D "$folder/data" -U postgres -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 >"$folder/initdb.log"
  as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $folder -c fsync=off" start >/dev/null
  as_owner "$bin/psql" -h "$folder" -p "$port" -U postgres -q -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE wavelength LOGIN CREATEDB PASSWORD '$password'" -c "CREATE DATABASE wavelength_test OWNER wavelength" >/dev/null
  echo "export WAVELENGTH_TEST_POSTGRES_URL='postgres://wavelength:$password@127.0.0.1:$port/wavelength_test?sslmode=disable'"
  ;;
stop)
  folder="$(cd "$folder" && pwd)"
  as_owner "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null
  ;;
*)
  echo "usage: $0 start|stop FOLDER [PORT]" >&2; exit 2
  ;;
esac
