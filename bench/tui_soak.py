#!/usr/bin/env python3
"""Soak and load measurements of `mailsniffer tui` in a real terminal (tmux), as a user would feel them.

  live:  python3 bench/tui_soak.py live [--seconds 60] [--rate 12000]
         runs `mailsniffer tui -i lo net 127.0.3.0/24` in tmux, replays captures/demo-full-plaintext.pcapng over
         loopback sockets (bench/MailSniffer.LoopbackReplay; 127.0.3.0/24 only) at --rate packets/s, and reports the
         status bar's packets/s and drops, key latency while loaded, and the TUI's peak RSS. Needs root (libpcap).
  file:  python3 bench/tui_soak.py file /tmp/bigmail/bigmail-1g.pcap
         time to first rows, key latency while the file is still being read, time to "done", peak RSS.

Key latency: send a view key (1/3/4/6) with tmux send-keys, poll capture-pane until the tab line shows that view;
includes tmux's own round trips (a few ms). Build first: dotnet build src/MailSniffer.Cli bench/MailSniffer.LoopbackReplay
"""
import argparse, os, re, statistics, subprocess, sys, time, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(ROOT, "src/MailSniffer.Cli/bin/{cfg}/net10.0/mailsniffer.dll")
REPLAY = os.path.join(ROOT, "bench/MailSniffer.LoopbackReplay/bin/{cfg}/net10.0/loopback-replay.dll")
STATUS = re.compile(r"(live|done|paused|reading \d+%) \| (\d+) pkts (\d+) flows (\d+) msgs \| (\d+) pkt/s \| drops (\d+)")
VIEWS = {"1": "[1 Conversations]", "3": "[3 Messages]", "4": "[4 Credentials]", "6": "[6 DNS]"}


def tmux(*args):
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


class Session:
    def __init__(self, command, width, height):
        self.name = "soak-" + uuid.uuid4().hex[:8]
        tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), f"{command}; echo EXITED $?; sleep 30")

    def screen(self, first=None, last=None):
        args = ["capture-pane", "-p", "-t", self.name]
        if first is not None:
            args += ["-S", str(first), "-E", str(last)]
        return tmux(*args)

    def key(self, k):
        tmux("send-keys", "-t", self.name, k)

    def program_pid(self):
        shell = tmux("list-panes", "-t", self.name, "-F", "#{pane_pid}").strip()
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    with open(f"/proc/{pid}/stat") as f:
                        if f.read().split(") ")[1].split()[1] == shell:
                            return int(pid)
                except (OSError, IndexError):
                    pass
        return int(shell)

    def close(self):
        tmux("kill-session", "-t", self.name)


def memory(pid):
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("VmRSS", "VmHWM")):
                    k, v = line.split(":")
                    out[k] = int(v.split()[0]) // 1024
    except OSError:
        pass
    return out


def status(screen):
    m = None
    for m in STATUS.finditer(screen):
        pass
    return m


def key_latency(s, k, timeout=10.0):
    """Seconds from send-keys until the tab line (screen row 1) shows view k."""
    want = VIEWS[k]
    t0 = time.monotonic()
    s.key(k)
    while time.monotonic() - t0 < timeout:
        if want in s.screen(0, 2):
            return time.monotonic() - t0
        time.sleep(0.002)
    return timeout


def report(latencies, extra):
    lat = sorted(x * 1000 for x in latencies)
    if lat:
        p99 = lat[min(len(lat) - 1, int(round(0.99 * (len(lat) - 1))))]
        print(f"key latency: n={len(lat)} median {statistics.median(lat):.0f} ms  p99 {p99:.0f} ms  max {lat[-1]:.0f} ms")
    for k, v in extra.items():
        print(f"{k}: {v}")


def live(a):
    s = Session(f"dotnet {CLI.format(cfg=a.config)} tui -i lo net 127.0.3.0/24", a.width, a.height)
    try:
        deadline = time.monotonic() + 60
        while "live | " not in s.screen() and time.monotonic() < deadline:
            time.sleep(0.2)
        pid = s.program_pid()
        # Reference count of what crossed loopback: tcpdump with a large ring, writing nothing.
        ref = subprocess.Popen(["tcpdump", "-i", "lo", "-n", "-q", "-B", "65536", "-w", "/dev/null", "net", "127.0.3.0/24"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(1)
        gen = subprocess.Popen(["dotnet", REPLAY.format(cfg=a.config), os.path.join(ROOT, "captures/demo-full-plaintext.pcapng"),
                                "--seconds", str(a.seconds), "--rate", str(a.rate)], stdout=subprocess.PIPE, text=True)
        latencies, rates, peak = [], [], 0
        keys = "1346"
        i = 0
        start = time.monotonic()
        while gen.poll() is None:
            time.sleep(0.5)
            if time.monotonic() - start < 3:
                continue   # let the load ramp up
            latencies.append(key_latency(s, keys[i % 4]))
            i += 1
            m = status(s.screen())
            if m:
                rates.append(int(m.group(5)))
            peak = max(peak, memory(pid).get("VmRSS", 0))
        gen_out = gen.stdout.read().strip().splitlines()
        time.sleep(1)
        ref.terminate()
        captured = re.search(r"(\d+) packets captured", ref.communicate()[1] or "")
        # Let the TUI drain its backlog: wait until its packet count stops moving.
        last, stable = None, 0
        while stable < 20:   # 10 s: a journey rebuild late in the run can hold the capture thread for seconds
            time.sleep(0.5)
            final = status(s.screen())
            cur = final.group(2) if final else None
            stable = stable + 1 if cur == last else 0
            last = cur
        mem = memory(pid)
        t0 = time.monotonic()
        s.key("q")
        while "EXITED" not in s.screen() and time.monotonic() - t0 < 30:
            time.sleep(0.05)
        report(latencies, {
            "generator": gen_out[-1] if gen_out else "?",
            "status bar pkt/s while loaded": f"median {statistics.median(rates) if rates else 0:.0f}, min {min(rates, default=0)}, max {max(rates, default=0)}",
            "final status": final.group(0) if final else "?",
            "packets on the wire (tcpdump)": captured.group(1) if captured else "?",
            "seen by the TUI": f"{int(final.group(2)) / int(captured.group(1)) * 100:.1f}%" if final and captured else "?",
            "TUI RSS": f"peak sampled {peak} MB, VmHWM {mem.get('VmHWM', '?')} MB",
            "quit": f"{time.monotonic() - t0:.1f} s to exit, screen: {'EXITED' in s.screen()}",
        })
    finally:
        s.close()


def big_file(a):
    t0 = time.monotonic()
    s = Session(f"dotnet {CLI.format(cfg=a.config)} tui {a.file}", a.width, a.height)
    try:
        pid, first_rows, latencies, peak, samples = None, None, [], 0, []
        keys = "1346"
        i = 0
        while time.monotonic() - t0 < a.timeout:
            scr = s.screen()
            m = status(scr)
            if pid is None and m:
                pid = s.program_pid()
            if first_rows is None and re.search(r"^│[! ] 1 ", scr, re.M):
                first_rows = time.monotonic() - t0
            if m and m.group(1) == "done":
                break
            if first_rows is not None:
                latencies.append(key_latency(s, keys[i % 4]))
                i += 1
            if pid:
                rss = memory(pid).get("VmRSS", 0)
                peak = max(peak, rss)
                if m:
                    samples.append(f"{time.monotonic() - t0:5.1f}s {m.group(1)} {m.group(2)} pkts {rss} MB")
            time.sleep(0.5)
        done_at = time.monotonic() - t0
        time.sleep(3)   # journeys and the last refresh
        mem = memory(pid) if pid else {}
        for line in samples[:: max(1, len(samples) // 12)]:
            print("  " + line)
        report(latencies, {
            "first rows on screen": f"{first_rows:.1f} s" if first_rows else "never",
            "done": f"{done_at:.1f} s",
            "final status": (status(s.screen()) or [None])[0],
            "TUI RSS": f"peak sampled {peak} MB, at end {mem.get('VmRSS', '?')} MB, VmHWM {mem.get('VmHWM', '?')} MB",
        })
        s.key("q")
    finally:
        time.sleep(1)
        s.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["live", "file"])
    p.add_argument("file", nargs="?")
    p.add_argument("--seconds", type=int, default=60)
    p.add_argument("--rate", type=int, default=12000)
    p.add_argument("--width", type=int, default=80)
    p.add_argument("--height", type=int, default=24)
    p.add_argument("--timeout", type=int, default=600)
    p.add_argument("--config", default="Debug")
    a = p.parse_args()
    if a.mode == "live":
        if os.geteuid() != 0:
            sys.exit("live soak needs root (libpcap capture on lo)")
        live(a)
    else:
        big_file(a)


if __name__ == "__main__":
    main()
