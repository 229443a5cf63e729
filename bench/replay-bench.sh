#!/usr/bin/env bash
# Whole-process replay benchmark: TrafficWatch against tcpdump (the libpcap read limit) and
# softflowd (a C flow exporter), side by side on the same capture in the same run.
#
#   bench/replay-bench.sh [PACKETS] [CAPTURE]
#
# PACKETS defaults to 10000000; the capture is written by ../shared/bench/gen_pcap.py when missing
# (deterministic: city VLANs, realistic size mix, ~200k flows for 10M packets).
# Prints a Markdown table: wall seconds, packets/s, MB/s, peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
packets=${1:-10000000}
capture=${2:-/tmp/tw-bench-${packets}.pcap}
gen=../shared/bench/gen_pcap.py

if [ ! -s "$capture" ]; then
  echo "writing $capture ($packets packets) with $gen ..." >&2
  /usr/bin/python3 "$gen" --packets "$packets" --out "$capture"
fi
bytes=$(stat -c %s "$capture")

echo "building trafficwatch (Release) ..." >&2
dotnet publish src/TrafficWatch.Cli -c Release -o artifacts/bench --nologo -v q >/dev/null
tw=artifacts/bench/trafficwatch

# Warm the page cache so every tool reads from memory.
cat "$capture" > /dev/null

measure() {   # name, command...
  local name=$1; shift
  local out; out=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$out" "$@" </dev/null >"$out.log" 2>&1 || { echo "| $name | failed | | | |"; rm -f "$out"; return; }
  read -r secs rss_kb < "$out"; rm -f "$out" "$out.log"
  awk -v n="$name" -v s="$secs" -v p="$packets" -v b="$bytes" -v r="$rss_kb" \
    'BEGIN { printf "| %s | %.2f | %.0f | %.0f | %.0f |\n", n, s, p/s, b/s/1e6, r/1024 }'
}

measure_tw() {   # name, threads: like measure, plus the private memory TrafficWatch reports (its RSS counts the mapped capture)
  local name=$1 threads=$2
  local out log; out=$(mktemp); log=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$out" "$tw" replay "$capture" --eve /dev/null --metrics /dev/null --threads "$threads" </dev/null >/dev/null 2>"$log" \
    || { echo "| $name | failed | | | |"; rm -f "$out" "$log"; return; }
  read -r secs rss_kb < "$out"
  local private; private=$(sed -n 's/^  memory *\([0-9.]* [KMG]iB\) private.*/\1/p' "$log")
  rm -f "$out" "$log"
  awk -v n="$name" -v s="$secs" -v p="$packets" -v b="$bytes" -v r="$rss_kb" -v m="$private" \
    'BEGIN { printf "| %s | %.2f | %.0f | %.0f | %.0f (private: %s) |\n", n, s, p/s, b/s/1e6, r/1024, m }'
}

echo "| tool | wall s | packets/s | MB/s | peak RSS MiB |"
echo "|---|---:|---:|---:|---:|"
measure "tcpdump -r FILE -w /dev/null" tcpdump -r "$capture" -w /dev/null
if command -v softflowd >/dev/null 2>&1; then
  # softflowd 1.1.0 stalls before reading when its control-socket path is long (seen with
  # /tmp/tmp.XXXXXXXXXX/ctl and /tmp/tw-bench-softflowd.ctl): keep it short.
  rm -f /tmp/sfd.ctl /tmp/sfd.pid
  measure "softflowd -r FILE" timeout 600 softflowd -r "$capture" -n 127.0.0.1:9 -d -m 1000000 -c /tmp/sfd.ctl -p /tmp/sfd.pid
fi
measure_tw "trafficwatch replay --threads 1" 1
measure_tw "trafficwatch replay --threads 2" 2
