#!/usr/bin/env python3
"""Feeds mutated copies of real captures to MailSniffer and reports any crash or hang.

Each case takes a capture from captures/ or ../shared/captures/public/, changes it (random bytes, a zeroed run, a
duplicated range, or truncation, after the file header) and runs `read --json`, `export` and `creds` on it. A run
fails if it exits with anything but 0, 1 or 2, prints a .NET stack trace, or takes longer than 30 s.

Usage: fuzz_captures.py [--mailsniffer CMD] [--cases N] [--seed S]   (exit 1 on any failure)
"""
import argparse, glob, os, random, shlex, shutil, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(here)


def mutate(data, header, rng):
    body = len(data) - header
    mode = rng.choice(["bytes", "bytes", "zero", "dup", "trunc"])
    if mode == "bytes":
        for _ in range(rng.randint(1, 200)):
            data[header + rng.randrange(body)] = rng.randrange(256)
    elif mode == "zero":
        p = header + rng.randrange(body)
        n = rng.randint(1, 500)
        data[p:p + n] = bytes(len(data[p:p + n]))
    elif mode == "dup":
        p = header + rng.randrange(body)
        q = min(len(data), p + rng.randint(1, 3000))
        data[q:q] = data[p:q]
    else:
        del data[header + rng.randrange(body):]
    return mode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mailsniffer", default=os.environ.get("MAILSNIFFER", "mailsniffer"))
    ap.add_argument("--cases", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    ms = shlex.split(a.mailsniffer)
    caps = sorted(glob.glob(os.path.join(repo, "captures", "*.pcap*")))
    caps += sorted(glob.glob(os.path.join(repo, "..", "shared", "captures", "public", "*.pcap*")))
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="fuzz-")
    failures = runs = 0
    try:
        for i in range(a.cases):
            src = rng.choice(caps)
            data = bytearray(open(src, "rb").read())
            classic = not src.endswith(".pcapng")
            mode = mutate(data, 24 if classic else 0, rng)
            case = os.path.join(work, f"case.{'pcap' if classic else 'pcapng'}")
            open(case, "wb").write(data)
            for args in (["read", case, "--json"], ["export", case, "--out", os.path.join(work, "out")], ["creds", case]):
                runs += 1
                try:
                    r = subprocess.run(ms + args, capture_output=True, timeout=30)
                except subprocess.TimeoutExpired:
                    failures += 1
                    kept = os.path.join(work, f"timeout-{i}")
                    shutil.copy(case, kept)
                    print(f"TIMEOUT {os.path.basename(src)} ({mode}) {args[0]}: kept as {kept}")
                    continue
                err = r.stderr.decode(errors="replace")
                if r.returncode not in (0, 1, 2) or "Unhandled exception" in err or "   at " in err:
                    failures += 1
                    kept = os.path.join(work, f"crash-{i}")
                    shutil.copy(case, kept)
                    print(f"FAIL {os.path.basename(src)} ({mode}) {args[0]}: exit {r.returncode}: {err[:300]} (kept as {kept})")
                shutil.rmtree(os.path.join(work, "out"), ignore_errors=True)
    finally:
        if failures == 0:
            shutil.rmtree(work, ignore_errors=True)
    print(f"fuzz_captures: {a.cases} mutated captures, {runs} runs, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
