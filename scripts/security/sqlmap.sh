#!/usr/bin/env bash
# SQL injection check of the portal's API with sqlmap (Debian package `sqlmap`), on demand only
# (never in npm test or CI): builds the portal if needed, starts it on a PostgreSQL database of
# its own (dropped and re-created, migrated, seeded with the demo data), then runs
# scripts/security/sqlmap-run.ts, which signs in, makes an API token through the token page's
# server action and points sqlmap at every route handler's parameters. Summary and logs go to
# $SQLMAP_OUT (default .data-sqlmap/run-<time>/summary.md); exit 0 = nothing injectable.
#
#   npm run security:sqlmap                   # level 5, risk 3, techniques BEUSTQ, every target
#   npm run security:sqlmap -- --only rollouts-list,reports-export-csv --level 3
#
# Settings: SQLMAP_PG (server URL, default postgres://postgres@127.0.0.1:5432), SQLMAP_DB
# (database, default ringfence_sqlmap), SQLMAP_PORT (default 3480), NEXT_DIST_DIR (build
# folder, default .next; built when it has no BUILD_ID or with SQLMAP_BUILD=1).
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v sqlmap >/dev/null || { echo "sqlmap is not installed (Debian: apt-get install -y sqlmap)" >&2; exit 2; }

PG="${SQLMAP_PG:-postgres://postgres@127.0.0.1:5432}"
DB="${SQLMAP_DB:-ringfence_sqlmap}"
PORT="${SQLMAP_PORT:-3480}"
DIST="${NEXT_DIST_DIR:-.next}"
OUT="$(pwd)/${SQLMAP_OUT:-.data-sqlmap/run-$(date -u +%Y%m%dT%H%M%SZ)}"
[[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "SQLMAP_DB must be a plain database name" >&2; exit 2; }
mkdir -p "$OUT"

export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 NEXT_DIST_DIR="$DIST"
export DATABASE_URL="$PG/$DB"
export AUTH_SECRET="$(node -e 'console.log(require("node:crypto").randomBytes(32).toString("base64url"))')"
export RINGFENCE_DATA_DIR="$OUT/data"
# sqlmap sends tens of thousands of requests: lift the API and upload rate limits for this
# server only (lib/http/rate-limit-policy.ts), so answers come from the code under test, not 429s.
export RATE_LIMITS="api.token=10000000/60,api.organisation=10000000/60,upload.user=10000000/3600,upload.organisation=10000000/3600"

echo "== database $DB on $PG (dropped and re-created)"
node --input-type=module -e "
  import postgres from 'postgres';
  const sql = postgres('$PG/postgres', { onnotice: () => {} });
  await sql.unsafe('DROP DATABASE IF EXISTS $DB WITH (FORCE)');
  await sql.unsafe('CREATE DATABASE $DB');
  await sql.end();
"
npm run --silent db:migrate
npm run --silent db:seed > "$OUT/seed.log"

if [[ ! -f "$DIST/BUILD_ID" || "${SQLMAP_BUILD:-}" == "1" ]]; then
  echo "== building into $DIST"
  npx next build > "$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log" >&2; exit 1; }
fi

echo "== starting the portal on 127.0.0.1:$PORT"
node node_modules/next/dist/bin/next start -p "$PORT" -H 127.0.0.1 > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER" 2>/dev/null || { tail -30 "$OUT/server.log" >&2; exit 1; }
  sleep 1
done

echo "== sqlmap"
set +e
npx tsx scripts/security/sqlmap-run.ts --origin "http://127.0.0.1:$PORT" --dist "$DIST" --out "$OUT" "$@"
STATUS=$?
set -e
echo "server error lines during the run: $(grep -c "⨯" "$OUT/server.log" || true) (see $OUT/server.log)"
echo "summary: $OUT/summary.md"
exit "$STATUS"
