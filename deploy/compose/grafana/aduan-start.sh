#!/bin/sh
# The shipped dashboards are exports that ask for a data source (input DS_PROMETHEUS); file
# provisioning does not fill inputs, so they are copied with the provisioned data source's uid
# in its place, then Grafana starts as the image would.
set -eu
target=/var/lib/grafana/aduan-dashboards
mkdir -p "$target"
for f in /etc/grafana/aduan-dashboards-source/*.json; do
  sed 's/\${DS_PROMETHEUS}/aduan-prometheus/g' "$f" > "$target/$(basename "$f")"
done
exec /run.sh "$@"
