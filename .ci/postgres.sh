#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1:55432 for the store tests
# (installs Debian's postgresql when missing); prints the URL to export.
set -euo pipefail
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=$(mktemp -d /tmp/milcoop-pg.XXXXXX)
chown postgres "$PGDATA"
su postgres -c "$PGBIN/initdb -D $PGDATA -A trust -U postgres" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D $PGDATA -l $PGDATA/log -w -o '-p 55432 -k /tmp -c listen_addresses=127.0.0.1' start" >/dev/null
echo "$PGDATA"
