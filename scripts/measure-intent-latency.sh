#!/usr/bin/env bash
# POST-to-committed latency of the intent gateway, one intent at a time.
#
#   scripts/measure-intent-latency.sh [--samples N] [--url URL] [--token-file FILE] [--keep]
#
#   --samples N        intents to create, one after another (default 20)
#   --url URL          the gateway (default http://127.0.0.1:8080)
#   --token-file FILE  the write token (default: $INTENT_GATEWAY_TOKEN, else .gateway/repo/gateway-token)
#   --keep             keep the intents (default: delete each one once measured, so any
#                      number of samples fits the sites' networks)
#
# A 201 comes back only once the intent's package is rendered and committed, so the request's
# time is the intent's time to a committed package.  Each acknowledged intent is read back
# before it is deleted.  Prints the percentiles, the errors and the lost intents; exits 1 if
# there was any error or loss.
set -euo pipefail

samples=20
url=http://127.0.0.1:8080
token_file=.gateway/repo/gateway-token
keep=false

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --samples) samples=$2; shift 2 ;;
    --url) url=${2%/}; shift 2 ;;
    --token-file) token_file=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "measure-intent-latency: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$samples" in ''|*[!0-9]*|0) echo "measure-intent-latency: --samples takes a number of at least 1" >&2; exit 2 ;; esac

token=${INTENT_GATEWAY_TOKEN:-}
if [ -z "$token" ]; then
  [ -r "$token_file" ] || { echo "measure-intent-latency: no token: set INTENT_GATEWAY_TOKEN or --token-file (not readable: $token_file)" >&2; exit 2; }
  token=$(head -n 1 "$token_file")
fi
curl -fsS -o /dev/null "$url/intent-gateway/v1/health" || { echo "measure-intent-latency: no gateway answers at $url (make gateway)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run="latency-$(date +%s)-$$"
sites=(us-west-1 us-east-1 eu-west-1)
errors=0
lost=0

for ((i = 0; i < samples; i++)); do
  name=$(printf '%s-%04d' "$run" "$i")
  site=${sites[i % 3]}
  body="{\"apiVersion\": \"tmf921.intent.tmforum.org/v1\", \"kind\": \"Intent\",
    \"metadata\": {\"name\": \"$name\", \"namespace\": \"intent-system\"},
    \"spec\": {\"intentExpectations\": [
      {\"expectationTargets\": [{\"targetName\": \"edge-cluster-$site\"}], \"expectationVerbs\": [\"deploy\"], \"expectationObjects\": [\"o-ran-cu\"]},
      {\"expectationTargets\": [{\"targetName\": \"performance\"}], \"expectationVerbs\": [\"maintain\"], \"expectationObjects\": [\"latency<10ms\"]}]}}"
  read -r code seconds < <(curl -sS -o "$work/answer" -w '%{http_code} %{time_total}\n' -X POST "$url/intent-gateway/v1/intents" \
    -H "Authorization: Bearer $token" -H "Content-Type: application/json" -d "$body" 2>/dev/null || echo "000 0")
  case "$code" in
    2??)
      echo "$seconds" >> "$work/latencies"
      found=$(curl -sS -o /dev/null -w '%{http_code}' "$url/tmf-api/intentManagement/v5/intent/$name" || echo 000)
      if [ "$found" != 200 ]; then
        lost=$((lost + 1))
        echo "lost: $name (answered $code, then GET answered $found)"
      fi
      if [ "$keep" = false ]; then
        curl -sS -o /dev/null -X DELETE -H "Authorization: Bearer $token" "$url/tmf-api/intentManagement/v5/intent/$name" || true
      fi
      ;;
    *)
      errors=$((errors + 1))
      echo "error: $name answered $code: $(head -c 300 "$work/answer" 2>/dev/null)"
      ;;
  esac
done

echo "samples: $samples against $url (one at a time)"
if [ -s "$work/latencies" ]; then
  sort -n "$work/latencies" | awk '{v[NR] = $1; sum += $1}
    function pct(q,  i) { i = int(q * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; return v[i] }
    END { printf "POST to committed: p50 %.3f s  p95 %.3f s  p99 %.3f s  max %.3f s  mean %.3f s (%d acknowledged)\n", pct(0.50), pct(0.95), pct(0.99), v[NR], sum / NR, NR }'
fi
echo "errors: $errors"
echo "lost intents: $lost"
[ "$errors" -eq 0 ] && [ "$lost" -eq 0 ]
