#!/usr/bin/env bash
# Measures the local platform's start: seconds from `./aduan start` until every service's health
# is UP, the CPU seconds the platform's processes used until then (unlike the wall time, not
# stretched by whatever else the machine runs), and the resident memory of every process. Each
# run starts the platform twice, alternating: without the JDK's AOT cache (ADUAN_AOT_CACHE=off, as a first start after a
# build) and with it (docs/adr/0045), so both are measured under the same load on a shared
# machine. The first start is on an empty data directory, the later ones on its data. The caches
# missing after the first start are made then by ./aduan warm (not timed). Uses its own data
# directory, so var/ is untouched; ports come from the environment as for ./aduan (never run it
# on the default ports where others use them).
# The services' JIT mode is ./aduan's (ADUAN_SERVICE_JIT from the environment, docs/adr/0059): to
# compare modes, run it once per mode; each mode's AOT caches are its own.
# Usage: deploy/measure-start.sh [runs, default 3]; it builds first (not timed) unless ADUAN_BUILD=never.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
if "$ROOT/aduan" status | grep -q running; then
  echo "the platform is running; stop it first (./aduan stop)" >&2
  exit 1
fi
export ADUAN_HOME
ADUAN_HOME=$(mktemp -d /tmp/aduan-measure.XXXXXX)
# mktemp makes it private (0700); postfix, running as its own user, must reach its queue in it.
chmod 755 "$ADUAN_HOME"
trap '"$ROOT/aduan" stop >/dev/null 2>&1 || true; rm -rf "$ADUAN_HOME"' EXIT
# ADUAN_BUILD=never: measure the jars as they are (and keep their caches: a build writes new jars).
[ "${ADUAN_BUILD:-auto}" = never ] || "$ROOT/aduan" build >/dev/null
# Built just now: the stamp tells ./aduan not to build again inside the timed runs.
mkdir -p "$ADUAN_HOME/run" && touch "$ADUAN_HOME/run/build.stamp"

rss_mb() { # pid file: resident memory of its process in MB (0 once gone)
  local kb
  kb=$(awk '/VmRSS/{print $2}' "/proc/$(cat "$1")/status" 2>/dev/null || true)
  echo $((${kb:-0} / 1024))
}

cpu_s() { # pid file: CPU seconds (user + system) its process has used so far
  local stat
  stat=$(cat "/proc/$(cat "$1")/stat" 2>/dev/null) || { echo 0; return; }
  stat=${stat##*) } # the fields after the command name, which may hold spaces
  awk -v t="$(getconf CLK_TCK)" '{ printf "%.1f", ($12 + $13) / t }' <<<"$stat"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $(date -u +%F); services' JIT: ${ADUAN_SERVICE_JIT:-the default of ./aduan}"
n=0
for i in $(seq 1 "$runs"); do
  for cache in off auto; do
    n=$((n + 1))
    kind=$([ "$n" -eq 1 ] && echo "empty data" || echo "existing data")
    load=$(cut -d' ' -f1 /proc/loadavg)
    start=$(date +%s.%N)
    ADUAN_AOT_CACHE=$cache "$ROOT/aduan" start >"$ADUAN_HOME/start-$n.txt" 2>&1 ||
      { cat "$ADUAN_HOME/start-$n.txt"; exit 1; }
    end=$(date +%s.%N)
    total=0 cpu=0 svc_cpu=0
    for pidfile in "$ADUAN_HOME"/run/*.pid; do
      [ "$(basename "$pidfile")" = aot-warm.pid ] && continue # the cache maker, not the platform
      total=$((total + $(rss_mb "$pidfile")))
      c=$(cpu_s "$pidfile")
      cpu=$(awk -v a="$cpu" -v b="$c" 'BEGIN { print a + b }')
      case "$(basename "$pidfile" .pid)" in
        case-service | channel-* | sla-service | notification-service)
          svc_cpu=$(awk -v a="$svc_cpu" -v b="$c" 'BEGIN { print a + b }') ;;
      esac
    done
    from=$(sed -n 's/^  \([0-9]* of [0-9]*\) services start from their AOT cache$/\1/p' "$ADUAN_HOME/start-$n.txt")
    # CPU seconds until healthy do not depend on what else the machine runs; the wall time does.
    printf 'run %d, AOT cache %-4s (%s services from a cache, %s, load average %s): healthy after %s s, CPU %.0f s (services %.0f s), resident memory %d MB\n' \
      "$i" "$cache" "${from:-none of the}" "$kind" "$load" \
      "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')" "$cpu" "$svc_cpu" "$total"
    if [ "$i" -eq "$runs" ]; then
      for pidfile in "$ADUAN_HOME"/run/*.pid; do
        [ "$(basename "$pidfile")" = aot-warm.pid ] && continue
        printf '  %-22s %5d MB %6s s CPU\n' "$(basename "$pidfile" .pid)" "$(rss_mb "$pidfile")" "$(cpu_s "$pidfile")"
      done
    fi
    if [ "$n" -eq 1 ]; then
      warm_start=$SECONDS
      "$ROOT/aduan" warm
      echo "  (the caches were made in $((SECONDS - warm_start)) s, not timed above)"
    fi
    "$ROOT/aduan" stop >/dev/null
  done
done
