#!/bin/sh
# Requests per second per core (README, Deployment): the built server pinned to CPU 0, autocannon pinned to CPU 1,
# 50 connections for 10 s on a cached item, a cached list (identity and br) and a 304 revalidation of that list;
# ROUNDS rounds (3), each request type once a round. Also counts the server's own CPU time (utime + stime of
# /proc/<pid>/stat) over each run: requests per CPU-second of the server, less sensitive to other jobs on the machine.
# Settings as deployed except the rate limit's bound: every request is counted, but against 10⁹ (autocannon is one
# client address, which the default 600 a minute would turn into 429s within a tenth of a second). Logs (LOG_LEVEL=info, the default) go to
# /dev/null. `npm run bench:per-core` (build, then this script).
set -eu
PORT=${PORT:-3100}
ROUNDS=${ROUNDS:-3}
base="http://127.0.0.1:$PORT"
# With the Node.js flags of `npm start` and the Dockerfile (scripts/node-flags.ts).
RATE_LIMIT_MAX=1000000000 PORT=$PORT taskset -c 0 node $(npx tsx scripts/node-flags.ts) dist/server.js >/dev/null 2>&1 &
server=$!
result=$(mktemp)
trap 'kill $server; rm -f "$result"' EXIT
until curl -sf "$base/health" >/dev/null; do sleep 0.2; done
etag=$(curl -sI "$base/v1/communes" | tr -d '\r' | sed -n 's/^etag: //Ip')
ticks=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }

run() { # name, then autocannon's arguments
  name=$1
  shift
  before=$(cpu)
  taskset -c 1 npx autocannon -c 50 -d 10 --json "$@" 2>/dev/null >"$result"
  after=$(cpu)
  node -e '
    const [name, ticks, used, file] = process.argv.slice(1);
    const r = JSON.parse(require("fs").readFileSync(file, "utf8"));
    const cpuSeconds = used / ticks;
    const statuses = Object.entries(r.statusCodeStats ?? {}).map(([code, { count }]) => `${code}×${count}`).join(" ");
    console.log(`${name}\t${r.requests.average.toFixed(0)} req/s\tp50 ${r.latency.p50} ms\tp99 ${r.latency.p99} ms\t` +
      `server CPU ${cpuSeconds.toFixed(2)} s: ${(r.requests.total / cpuSeconds).toFixed(0)} req per CPU-s\t${r.requests.total} requests, ${statuses}, errors ${r.errors}`);
  ' "$name" "$ticks" $((after - before)) "$result"
}

# Fill the response cache first: the figures are those of cached answers.
curl -s -o /dev/null "$base/v1/communes/65059"
curl -s -o /dev/null "$base/v1/communes"
curl -s -o /dev/null -H 'Accept-Encoding: br' "$base/v1/communes"
echo "node $(node --version), $(nproc) CPUs: $(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -1); server on CPU 0, autocannon on CPU 1"
for round in $(seq "$ROUNDS"); do
  echo "round $round"
  run 'item /v1/communes/65059' "$base/v1/communes/65059"
  run 'list /v1/communes' "$base/v1/communes"
  run 'list /v1/communes, br' -H 'Accept-Encoding: br' "$base/v1/communes"
  run '304 /v1/communes' -H "If-None-Match: $etag" "$base/v1/communes"
done
