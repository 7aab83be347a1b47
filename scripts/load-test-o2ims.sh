#!/usr/bin/env bash
# Load test of the intent gateway: N intents posted C at a time, each rendered into an O2 IMS
# ProvisioningRequest and committed; then checks that every acknowledged intent is there.
#
#   scripts/load-test-o2ims.sh [--requests N] [--concurrency C] [--url URL] [--token-file FILE] [--keep]
#
#   --requests N       intents to post (default 100)
#   --concurrency C    requests in flight at once (default 10)
#   --url URL          the gateway (default http://127.0.0.1:8080)
#   --token-file FILE  the write token (default: $INTENT_GATEWAY_TOKEN, else .gateway/repo/gateway-token)
#   --keep             keep the intents (default: delete them afterwards)
#
# Each intent deploys an O-RAN CU on one of the three edge sites in turn (six addresses on the
# site's network), so the default inventory holds about 120 of them at once.  Prints the answers
# by status, latency percentiles of the acknowledged ones (POST to committed), the throughput and
# the intents acknowledged but missing; exits 1 if any request failed or any intent was lost.
set -euo pipefail

requests=100
concurrency=10
url=http://127.0.0.1:8080
token_file=.gateway/repo/gateway-token
keep=false

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --requests) requests=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --url) url=${2%/}; shift 2 ;;
    --token-file) token_file=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "load-test-o2ims: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$requests$concurrency" in *[!0-9]*) echo "load-test-o2ims: --requests and --concurrency take numbers" >&2; exit 2 ;; esac
if [ "$requests" -lt 1 ] || [ "$concurrency" -lt 1 ]; then
  echo "load-test-o2ims: --requests and --concurrency must be at least 1" >&2
  exit 2
fi

token=${INTENT_GATEWAY_TOKEN:-}
if [ -z "$token" ]; then
  [ -r "$token_file" ] || { echo "load-test-o2ims: no token: set INTENT_GATEWAY_TOKEN or --token-file (not readable: $token_file)" >&2; exit 2; }
  token=$(head -n 1 "$token_file")
fi
curl -fsS -o /dev/null "$url/intent-gateway/v1/health" || { echo "load-test-o2ims: no gateway answers at $url (make gateway)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run="load-$(date +%s)-$$"
sites=(us-west-1 us-east-1 eu-west-1)

# One intent, as a file; each line of the job list is "name file".
for ((i = 0; i < requests; i++)); do
  name=$(printf '%s-%04d' "$run" "$i")
  site=${sites[i % 3]}
  cat > "$work/$name.json" <<EOF
{"apiVersion": "tmf921.intent.tmforum.org/v1", "kind": "Intent",
 "metadata": {"name": "$name", "namespace": "intent-system"},
 "spec": {"description": "load test intent $i",
  "intentExpectations": [
   {"expectationTargets": [{"targetName": "edge-cluster-$site"}], "expectationVerbs": ["deploy"], "expectationObjects": ["o-ran-cu"]},
   {"expectationTargets": [{"targetName": "performance"}], "expectationVerbs": ["maintain"], "expectationObjects": ["latency<10ms"]}]}}
EOF
  echo "$name" >> "$work/names"
done

post() {
  local name=$1 answer
  answer=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -X POST "$url/intent-gateway/v1/intents" \
    -H "Authorization: Bearer $token" -H "Content-Type: application/json" -d "@$work/$name.json" 2>/dev/null) || answer="000 0"
  echo "$name $answer"
}
export -f post
export url token work

started=$(date +%s.%N)
# shellcheck disable=SC2016  # $1 is the child shell's
xargs -P "$concurrency" -I{} bash -c 'post "$1"' _ {} < "$work/names" > "$work/results"
finished=$(date +%s.%N)

ok=$(awk '$2 ~ /^2/ {n++} END {print n + 0}' "$work/results")
echo "requests: $requests at concurrency $concurrency against $url"
echo "answers by status:"
awk '{print $2}' "$work/results" | sort | uniq -c | awk '{printf "  %s: %s\n", $2, $1}'
awk '$2 ~ /^2/ {print $3}' "$work/results" | sort -n > "$work/latencies"
if [ "$ok" -gt 0 ]; then
  awk '{v[NR] = $1}
    function pct(q,  i) { i = int(q * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; return v[i] }
    END { printf "latency of acknowledged requests (POST to committed): p50 %.3f s  p95 %.3f s  p99 %.3f s  max %.3f s\n", pct(0.50), pct(0.95), pct(0.99), v[NR] }' "$work/latencies"
fi
awk -v n="$ok" -v a="$started" -v b="$finished" 'BEGIN { printf "throughput: %.2f intents/s (%d committed in %.1f s)\n", n / (b - a), n, b - a }'

# Every acknowledged intent must be in the repository the gateway serves.
curl -fsS "$url/tmf-api/intentManagement/v5/intent?fields=id" | grep -o '"id":"[^"]*"' | cut -d '"' -f 4 | sort > "$work/present"
awk '$2 ~ /^2/ {print $1}' "$work/results" | sort > "$work/acknowledged"
lost=$(comm -23 "$work/acknowledged" "$work/present" | wc -l)
echo "lost intents (acknowledged, not in the repository): $lost"
comm -23 "$work/acknowledged" "$work/present" | sed 's/^/  /'

if [ "$keep" = false ]; then
  delete() { curl -sS -o /dev/null -X DELETE -H "Authorization: Bearer $token" "$url/tmf-api/intentManagement/v5/intent/$1" 2>/dev/null || true; }
  export -f delete
  # shellcheck disable=SC2016  # $1 is the child shell's
  xargs -P "$concurrency" -I{} bash -c 'delete "$1"' _ {} < "$work/acknowledged"
  echo "deleted the $ok intents of this run (--keep keeps them)"
fi

failed=$((requests - ok))
[ "$failed" -eq 0 ] && [ "$lost" -eq 0 ]
