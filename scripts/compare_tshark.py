#!/usr/bin/env python3
"""Compare MailSniffer's decoding with tshark's on any capture: SMTP/POP3/IMAP commands, DNS answers, messages.

For each capture it prints one line per category: how many items both tools report, how many only MailSniffer
reports, how many only tshark reports. Differences are expected where tshark is known to be wrong or blind (it only
dissects mail on ports 25/587/110/143, has no BDAT or POP3 message export, duplicates re-segmented retransmissions,
splits messages whose end marker is split across segments); docs/tshark-differences.md explains each kind.

Exit status is non-zero only when MailSniffer itself fails (non-zero exit, or output that is not JSON lines), so CI
can run it on every capture; `--strict` also fails when tshark found a message that MailSniffer did not.

Usage: compare_tshark.py [--mailsniffer CMD] [--strict] [-v] FILE...
"""
import argparse, collections, glob, hashlib, json, os, shlex, shutil, subprocess, sys, tempfile


def run(cmd):
    return subprocess.run(cmd, capture_output=True)


def ours(ms, path):
    r = run(ms + ["read", path, "--json"])
    if r.returncode != 0:
        raise RuntimeError(f"mailsniffer exit {r.returncode}: {r.stderr.decode(errors='replace').strip()[:300]}")
    recs = [json.loads(l) for l in r.stdout.decode().splitlines() if l.strip()]
    flows = {f["id"]: f for f in recs if f["type"] == "flow"}
    cmds = collections.Counter()
    dns = set()
    for o in recs:
        t = o["type"]
        if t in ("smtp.command", "pop3.command"):
            f = flows.get(o["flow"])
            cmds[(t.split(".")[0], o["verb"].upper())] += 1
        elif t == "imap.command":
            # tshark names only the first word ("UID" for UID FETCH).
            cmds[("imap", o["command"].split()[0].upper())] += 1
        elif t == "dns.answer" and o.get("rtype") in ("A", "AAAA", "MX", "CNAME", "PTR") and o.get("section", "answer") == "answer":
            data = o["data"].rstrip(".").lower()
            if o["rtype"] == "MX":
                data = data.split()[-1]
            dns.add((o["name"].rstrip(".").lower(), o["rtype"], data))
    return recs, cmds, dns


def message_hashes_from_export(ms, path):
    d = tempfile.mkdtemp(prefix="ms-export-")
    try:
        r = run(ms + ["export", path, "--out", d])
        if r.returncode != 0:
            raise RuntimeError(f"mailsniffer export exit {r.returncode}")
        return {norm_hash(open(f, "rb").read()) for f in glob.glob(os.path.join(d, "*.eml"))}
    finally:
        shutil.rmtree(d, ignore_errors=True)


def norm_hash(b, unstuff=False):
    """SHA-256 ignoring trailing line ends, the '.' end marker and (for tshark's IMF) dot-stuffing, as the oracles do."""
    if unstuff:
        if b.endswith(b"\r\n.\r\n"):
            b = b[:-3]
        b = b.replace(b"\r\n..", b"\r\n.")
        if b.startswith(b".."):
            b = b[1:]
    # tshark's IMF objects end without the final CRLF that belongs to the message; compare without trailing line ends.
    return hashlib.sha256(b.rstrip(b"\r\n")).hexdigest()


def tshark_view(path):
    cmds = collections.Counter()
    out = run(["tshark", "-r", path, "-T", "fields", "-E", "separator=\t",
               "-e", "smtp.req.command", "-e", "pop.request.command", "-e", "imap.request.command"]).stdout.decode(errors="replace")
    for line in out.splitlines():
        parts = line.split("\t")
        for proto, field in zip(("smtp", "pop3", "imap"), parts + [""] * (3 - len(parts))):
            for v in filter(None, field.split(",")):
                cmds[(proto, v.strip().upper())] += 1
    dns = set()
    out = run(["tshark", "-r", path, "-Y", "dns.flags.response == 1", "-T", "fields", "-E", "separator=\t", "-E", "aggregator=;",
               "-e", "dns.resp.name", "-e", "dns.resp.type", "-e", "dns.a", "-e", "dns.aaaa", "-e", "dns.mx.mail_exchange",
               "-e", "dns.cname", "-e", "dns.ptr.domain_name", "-e", "dns.count.answers"]).stdout.decode(errors="replace")
    types = {"1": "A", "28": "AAAA", "15": "MX", "5": "CNAME", "12": "PTR"}
    for line in out.splitlines():
        p = line.split("\t") + [""] * 8
        names, rtypes = p[0].split(";"), p[1].split(";")
        values = {"A": p[2].split(";"), "AAAA": p[3].split(";"), "MX": p[4].split(";"), "CNAME": p[5].split(";"), "PTR": p[6].split(";")}
        try:
            n_answers = int(p[7] or 0)
        except ValueError:
            n_answers = 0
        seen = collections.Counter()
        for name, rt in list(zip(names, rtypes))[:n_answers]:
            t = types.get(rt)
            if not t:
                continue
            i = seen[t]
            seen[t] += 1
            if i < len(values[t]) and values[t][i]:
                dns.add((name.rstrip(".").lower(), t, values[t][i].rstrip(".").lower()))
    d = tempfile.mkdtemp(prefix="tshark-imf-")
    try:
        run(["tshark", "-r", path, "-q", "--export-objects", f"imf,{d}"])
        msgs = {norm_hash(open(f, "rb").read(), unstuff=True) for f in glob.glob(os.path.join(d, "*"))}
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return cmds, dns, msgs


def counter_overlap(a, b):
    both = sum((a & b).values())
    return both, sum((a - b).values()), sum((b - a).values())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mailsniffer", default=os.environ.get("MAILSNIFFER", "mailsniffer"))
    ap.add_argument("--strict", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    if not shutil.which("tshark"):
        print("compare_tshark: tshark is not installed (apt-get install tshark); nothing compared")
        return 0
    ms = shlex.split(a.mailsniffer)
    failures = 0
    totals = collections.Counter()
    for path in a.files:
        name = os.path.basename(path)
        try:
            recs, our_cmds, our_dns = ours(ms, path)
            our_msgs = message_hashes_from_export(ms, path)
        except Exception as e:  # noqa: BLE001 - a failure of ours is what this script exists to catch
            print(f"FAIL {name}: {e}")
            failures += 1
            continue
        t_cmds, t_dns, t_msgs = tshark_view(path)
        c = counter_overlap(our_cmds, t_cmds)
        d = (len(our_dns & t_dns), len(our_dns - t_dns), len(t_dns - our_dns))
        m = (len(our_msgs & t_msgs), len(our_msgs - t_msgs), len(t_msgs - our_msgs))
        for k, v in (("cmd", c), ("dns", d), ("msg", m)):
            totals[k + "_both"] += v[0]; totals[k + "_ours"] += v[1]; totals[k + "_tshark"] += v[2]
        print(f"{name:<48} commands {c[0]:>4} both {c[1]:>3} ours-only {c[2]:>3} tshark-only | "
              f"dns {d[0]:>3}/{d[1]}/{d[2]} | messages {m[0]:>3} both {m[1]:>3} ours-only {m[2]:>3} tshark-only")
        if a.verbose:
            sys.stdout.flush()
            for k in sorted((our_cmds - t_cmds).keys()):
                print(f"    ours-only command {k}")
            for k in sorted((t_cmds - our_cmds).keys()):
                print(f"    tshark-only command {k}")
            for k in sorted(t_dns - our_dns):
                print(f"    tshark-only dns {k}")
        if a.strict and m[2]:
            failures += 1
    print(f"compare_tshark: {len(a.files)} captures; commands {totals['cmd_both']} both, {totals['cmd_ours']} MailSniffer only, "
          f"{totals['cmd_tshark']} tshark only; DNS answers {totals['dns_both']}/{totals['dns_ours']}/{totals['dns_tshark']}; "
          f"messages {totals['msg_both']}/{totals['msg_ours']}/{totals['msg_tshark']}; {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
