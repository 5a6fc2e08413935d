#!/usr/bin/env bash
# Container health check without curl or wget in the image: one HTTP/1.0 GET over bash's
# /dev/tcp to the service's own actuator; healthy when the answer is 200 with status UP.
# Usage: aduan-healthcheck [path]   (port from ADUAN_HTTP_PORT, default 8080)
set -u
path=${1:-/actuator/health}
port=${ADUAN_HTTP_PORT:-8080}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n' "$path" >&3
answer=$(timeout 4 cat <&3) || exit 1
exec 3<&-
case "$answer" in
  "HTTP/1."[01]" 200"*'"status":"UP"'*) exit 0 ;;
  *) exit 1 ;;
esac
