#!/usr/bin/env bash
# The README's Quick start as a newcomer meets it, on a fresh data directory: start the platform,
# send a signed WhatsApp complaint, see its case through the API, start again (it says it runs
# already), stop, start again (the case is still there), stop. Exits non-zero on the first broken
# promise. CI runs it; it uses only 127.0.0.1 and leaves nothing running.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ADUAN_HOME
ADUAN_HOME=$(mktemp -d /tmp/aduan-smoke.XXXXXX)
# mktemp makes it private (0700); postfix, running as its own user, must reach its queue in it.
chmod 755 "$ADUAN_HOME"
trap '"$ROOT/aduan" stop >/dev/null 2>&1 || true; rm -rf "$ADUAN_HOME"' EXIT
passed=0
fail() {
  echo "smoke test FAILED: $*" >&2
  for log in "$ADUAN_HOME"/logs/*.log; do
    echo "--- end of $log" >&2
    tail -n 15 "$log" >&2 || true
  done
  exit 1
}
ok() {
  passed=$((passed + 1))
  echo "  ok: $*"
}
case_of() {
  curl -fsS -u "bdg.admin:${ADUAN_DEMO_PASSWORD:-aduan-demo}" \
    "http://127.0.0.1:${ADUAN_CASES_PORT:-8080}/api/v1/cases/$1"
}

echo "smoke test of the Quick start (data in $ADUAN_HOME)"
"$ROOT/aduan" start >"$ADUAN_HOME/start-1.txt" 2>&1 || { cat "$ADUAN_HOME/start-1.txt"; fail "./aduan start"; }
ok "$(grep -o 'every service healthy [0-9]* s after start' "$ADUAN_HOME/start-1.txt")"

sent=$("$ROOT/aduan" send "Bantuan PKH ibu saya belum cair sejak Januari" 2>&1) || {
  echo "$sent"
  fail "./aduan send"
}
ticket=$(grep -oE 'BDG-[0-9]{4}-[0-9]{6}' <<<"$sent" | head -n 1)
[ -n "$ticket" ] || fail "no ticket in the acknowledgement"
ok "a signed webhook was acknowledged with ticket $ticket"

case_of "$ticket" | jq -e --arg t "$ticket" '.ticket == $t and .agencyCode == "BDG"' >/dev/null ||
  fail "case $ticket is not visible through the API"
ok "case $ticket is visible through the API"

"$ROOT/aduan" start | grep -q "already running" || fail "a second start did not say it runs already"
ok "a second start says the platform runs already"

"$ROOT/aduan" stop >/dev/null
if "$ROOT/aduan" status | grep -q "running"; then
  fail "something still runs after ./aduan stop"
fi
ok "./aduan stop stopped everything"

"$ROOT/aduan" start >"$ADUAN_HOME/start-2.txt" 2>&1 || { cat "$ADUAN_HOME/start-2.txt"; fail "the second ./aduan start"; }
case_of "$ticket" | jq -e --arg t "$ticket" '.ticket == $t' >/dev/null ||
  fail "case $ticket did not survive a restart"
ok "case $ticket survived a stop and a start"
"$ROOT/aduan" stop >/dev/null

echo "smoke test: $passed checks passed"
