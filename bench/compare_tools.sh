#!/usr/bin/env bash
# Times MailSniffer against peer tools on the same capture in the same run, and prints throughput (MB/s of capture)
# and peak memory (max RSS) for each, plus ratios. Usage:
#   bench/compare_tools.sh [flows|read] [CAPTURE]
# Default capture: /tmp/bigmail/bigmail-1g.pcap, generated on first use with ../shared/bench/gen_bigmail.py (needs root + tcpdump).
set -euo pipefail
cd "$(dirname "$0")/.."
job=${1:-flows}
cap=${2:-/tmp/bigmail/bigmail-1g.pcap}
if [ ! -f "$cap" ]; then
  gen=../shared/bench/gen_bigmail.py
  [ -f "$gen" ] || { echo "no capture at $cap and no generator at $gen" >&2; exit 2; }
  mkdir -p "$(dirname "$cap")"
  python3 "$gen" --size-mb 1000 --seed 1 --out "$cap"
fi
# ReadyToRun: the CLI runs with tiered compilation off (docs/performance.md), so without precompiled code every method
# is JIT-compiled fully optimised on first use: about 0.35 s of CPU for MimeKit, System.CommandLine and our own code.
rm -rf out/bench-cli  # an incremental publish can keep files of an earlier (non-ReadyToRun) publish
dotnet publish src/MailSniffer.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o out/bench-cli -v q >/dev/null
ms="out/bench-cli/mailsniffer"
size=$(stat -c %s "$cap")
cat "$cap" > /dev/null  # warm the page cache so every tool reads from memory

measure() { # name, command...
  local name=$1; shift
  local t0 t1 rss
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o /tmp/bench-rss.txt "$@" > /dev/null 2>/tmp/bench-err.txt || { echo "$name failed:"; tail -3 /tmp/bench-err.txt; return 0; }
  t1=$(date +%s.%N)
  rss=$(tail -1 /tmp/bench-rss.txt)
  python3 - "$name" "$size" "$t0" "$t1" "$rss" <<'PY'
import sys
name, size, t0, t1, rss = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
secs = t1 - t0
print(f"{name:<40} {secs:8.2f} s {size/1e6/secs:9.1f} MB/s  peak {rss/1024:8.1f} MiB")
with open("/tmp/bench-results.txt", "a") as f: f.write(f"{name}\t{size/1e6/secs}\t{rss/1024}\n")
PY
}

command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
rm -f /tmp/bench-results.txt
echo "capture: $cap ($size bytes)"
case "$job" in
  flows)
    measure "mailsniffer flows --json" "$ms" flows "$cap" --json
    command -v tcpflow >/dev/null && { d=$(mktemp -d); measure "tcpflow -r F -o DIR" tcpflow -r "$cap" -o "$d"; rm -rf "$d"; }
    command -v tshark >/dev/null && measure "tshark -q -z conv,tcp" tshark -r "$cap" -q -z conv,tcp
    ;;
  read)
    measure "mailsniffer read --json" "$ms" read "$cap" --json
    command -v tshark >/dev/null && { d=$(mktemp -d); measure "tshark --export-objects imf" tshark -r "$cap" -q --export-objects "imf,$d"; rm -rf "$d"; }
    ;;
esac
python3 - <<'PY'
rows = [l.rstrip("\n").split("\t") for l in open("/tmp/bench-results.txt")]
if len(rows) > 1:
    base = float(rows[0][1])
    for name, mbs, rss in rows[1:]:
        print(f"ratio: {rows[0][0]} is {base/float(mbs):.1f}x the throughput of {name}")
PY
