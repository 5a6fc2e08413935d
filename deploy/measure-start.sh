#!/usr/bin/env bash
# Measures the local platform's start: seconds from `./aduan start` until every service's health
# is UP, first on an empty data directory, then again with the data of the first run, and the
# resident memory of every process once it is up. Uses its own data directory, so var/ is untouched.
# Usage: deploy/measure-start.sh [runs, default 3]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
if "$ROOT/aduan" status | grep -q running; then
  echo "the platform is running; stop it first (./aduan stop)" >&2
  exit 1
fi
"$ROOT/aduan" build >/dev/null
export ADUAN_HOME
ADUAN_HOME=$(mktemp -d /tmp/aduan-measure.XXXXXX)
# mktemp makes it private (0700); postfix, running as its own user, must reach its queue in it.
chmod 755 "$ADUAN_HOME"
trap '"$ROOT/aduan" stop >/dev/null 2>&1 || true; rm -rf "$ADUAN_HOME"' EXIT
# Built just now: the stamp tells ./aduan not to build again inside the timed runs.
mkdir -p "$ADUAN_HOME/run" && touch "$ADUAN_HOME/run/build.stamp"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $(date -u +%F)"
for i in $(seq 1 "$runs"); do
  kind=$([ "$i" -eq 1 ] && echo "empty data" || echo "existing data")
  start=$(date +%s.%N)
  "$ROOT/aduan" start >"$ADUAN_HOME/start-$i.txt" 2>&1 || { cat "$ADUAN_HOME/start-$i.txt"; exit 1; }
  end=$(date +%s.%N)
  total=0
  for pidfile in "$ADUAN_HOME"/run/*.pid; do
    rss=$(awk '/VmRSS/{print $2}' "/proc/$(cat "$pidfile")/status" 2>/dev/null || echo 0)
    total=$((total + rss))
  done
  printf 'run %d (%s): healthy after %s s, resident memory %d MB\n' "$i" "$kind" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')" $((total / 1024))
  if [ "$i" -eq "$runs" ]; then
    for pidfile in "$ADUAN_HOME"/run/*.pid; do
      printf '  %-22s %5d MB\n' "$(basename "$pidfile" .pid)" \
        $(($(awk '/VmRSS/{print $2}' "/proc/$(cat "$pidfile")/status") / 1024))
    done
  fi
  "$ROOT/aduan" stop >/dev/null
done
