#!/usr/bin/env bash
# Times MailSniffer against peer tools on the same capture in the same run, and prints throughput (MB/s of capture)
# and peak memory (max RSS) for each, plus ratios. Usage:
#   [RUNS=7] bench/compare_tools.sh [flows|read] [CAPTURE]
# Default capture: /tmp/bigmail/bigmail-1g.pcap, generated on first use with ../shared/bench/gen_bigmail.py (needs root + tcpdump).
set -euo pipefail
cd "$(dirname "$0")/.."
job=${1:-flows}
cap=${2:-/tmp/bigmail/bigmail-1g.pcap}
runs=${RUNS:-7}  # MailSniffer runs per measurement (the median is reported); peers run once, they take far longer
if [ ! -f "$cap" ]; then
  gen=../shared/bench/gen_bigmail.py
  [ -f "$gen" ] || { echo "no capture at $cap and no generator at $gen" >&2; exit 2; }
  mkdir -p "$(dirname "$cap")"
  python3 "$gen" --size-mb 1000 --seed 1 --out "$cap"
fi
# Published as a user gets it from the README: self-contained, with one composite ReadyToRun image of the framework and
# the application (tiered compilation is off, so this is the code that runs; see docs/performance.md).
rm -rf out/bench-cli  # an incremental publish can keep files of an earlier, different publish
dotnet publish src/MailSniffer.Cli -c Release -r linux-x64 --self-contained true -p:PublishReadyToRun=true \
  -p:PublishReadyToRunComposite=true -o out/bench-cli -v q > /tmp/bench-publish.txt 2>&1 \
  || { echo "publish failed:"; tail -5 /tmp/bench-publish.txt; exit 2; }
ms="out/bench-cli/mailsniffer"
size=$(stat -c %s "$cap")
cat "$cap" > /dev/null  # warm the page cache so every tool reads from memory

# measure NAME RUNS COMMAND...: runs COMMAND RUNS times and reports the median (and the best and worst) throughput and
# the largest peak RSS. This machine's speed drifts from minute to minute, so one run says little; tools are run in turn.
measure() {
  local name=$1 runs=$2; shift 2
  local t0 t1 times="" rss=0 r
  for _ in $(seq "$runs"); do
    t0=$(date +%s.%N)
    /usr/bin/time -f "%M" -o /tmp/bench-rss.txt "$@" > /dev/null 2>/tmp/bench-err.txt || { echo "$name failed:"; tail -3 /tmp/bench-err.txt; return 0; }
    t1=$(date +%s.%N)
    r=$(tail -1 /tmp/bench-rss.txt); [ "$r" -gt "$rss" ] && rss=$r
    times="$times $t0:$t1"
  done
  python3 - "$name" "$size" "$rss" $times <<'PY'
import statistics, sys
name, size, rss = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
times = [float(b) - float(a) for a, b in (t.split(":") for t in sys.argv[4:])]
secs = statistics.median(times)
spread = f"  (best {size/1e6/min(times):.1f}, worst {size/1e6/max(times):.1f}; {len(times)} runs)" if len(times) > 1 else ""
print(f"{name:<40} {secs:8.2f} s {size/1e6/secs:9.1f} MB/s  peak {rss/1024:8.1f} MiB{spread}")
with open("/tmp/bench-results.txt", "a") as f: f.write(f"{name}\t{size/1e6/secs}\t{rss/1024}\n")
PY
}

command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
rm -f /tmp/bench-results.txt
echo "capture: $cap ($size bytes)"
case "$job" in
  flows)
    measure "mailsniffer flows --json" "$runs" "$ms" flows "$cap" --json
    command -v tcpflow >/dev/null && { d=$(mktemp -d); measure "tcpflow -r F -o DIR" 1 tcpflow -r "$cap" -o "$d"; rm -rf "$d"; }
    command -v tshark >/dev/null && measure "tshark -q -z conv,tcp" 1 tshark -r "$cap" -q -z conv,tcp
    ;;
  read)
    measure "mailsniffer read --json" "$runs" "$ms" read "$cap" --json
    command -v tshark >/dev/null && { d=$(mktemp -d); measure "tshark --export-objects imf" 1 tshark -r "$cap" -q --export-objects "imf,$d"; rm -rf "$d"; }
    ;;
esac
python3 - <<'PY'
rows = [l.rstrip("\n").split("\t") for l in open("/tmp/bench-results.txt")]
if len(rows) > 1:
    base = float(rows[0][1])
    for name, mbs, rss in rows[1:]:
        print(f"ratio: {rows[0][0]} is {base/float(mbs):.1f}x the throughput of {name}")
PY
