#!/usr/bin/env bash
# `npm run bench`: builds, runs every test/bench/*.bench.ts on SQLite, then on a throwaway
# PostgreSQL when its server binaries are installed (otherwise says so and skips it).
# BENCH_SIZES=10000 for a quicker run.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run build >/dev/null
JEST=(npx jest --runInBand --testRegex 'test/bench/.+\.bench\.ts$' "$@")
# A failing bench on SQLite still lets PostgreSQL's figures be measured; the exit status keeps the failure.
status=0
env -u TEST_DATABASE_URL "${JEST[@]}" || status=$?
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then
  bash test/support/with-postgres.sh "${JEST[@]}" || status=$?
else
  echo "PostgreSQL skipped: its server binaries (initdb, pg_ctl) are not installed (Debian: apt-get install postgresql)."
fi
# Claim matching (issue 11): its figures with PASS/FAIL, again at the end (test/bench/match.bench.ts writes them).
cat test/artifacts/bench-match-*.txt 2>/dev/null || true
exit $status
