#!/usr/bin/env bash
# Checks docs/openapi.json with tools no one here wrote, as product teams will: the Spectral linter
# (OpenAPI and OWASP rulesets) and the Prism validating proxy in front of a running platform, with
# every operation driven through it by drive.py. Needs Node 20 and Python 3; the tools are installed
# outside the repository (TOOLS, default /tmp/oas-tools). The platform must be running (the README's
# quick start; set PLATFORM if it is not on http://localhost:8080).
#
#   bench/contract/check.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TOOLS="${TOOLS:-/tmp/oas-tools}"
PLATFORM="${PLATFORM:-http://localhost:8080}"
PRISM_PORT="${PRISM_PORT:-4010}"

mkdir -p "$TOOLS"
if [ ! -x "$TOOLS/node_modules/.bin/prism" ] || [ ! -x "$TOOLS/node_modules/.bin/spectral" ]; then
  (cd "$TOOLS" && npm install --no-audit --no-fund @stoplight/prism-cli @stoplight/spectral-cli @stoplight/spectral-owasp-ruleset)
fi
printf 'extends:\n  - spectral:oas\n  - "@stoplight/spectral-owasp-ruleset"\n' > "$TOOLS/.spectral.yaml"

echo "== Spectral (spectral:oas + OWASP)"
(cd "$TOOLS" && npx spectral lint -r .spectral.yaml "$ROOT/docs/openapi.json" -f text --fail-severity error) || spectral=$?

echo "== Prism validating proxy on :$PRISM_PORT in front of $PLATFORM"
"$TOOLS/node_modules/.bin/prism" proxy "$ROOT/docs/openapi.json" "$PLATFORM" --port "$PRISM_PORT" > "$TOOLS/prism.log" 2>&1 &
prism=$!
trap 'kill $prism' EXIT
for _ in $(seq 1 30); do curl -s -o /dev/null "http://localhost:$PRISM_PORT/" && break; sleep 1; done
python3 "$ROOT/bench/contract/drive.py" "http://localhost:$PRISM_PORT" "$PLATFORM"
exit "${spectral:-0}"
