#!/usr/bin/env python3
"""Cross-check MailSniffer's TCP reassembly against tcpflow and tshark on real captures.

For every TCP connection MailSniffer reports without gaps:
  * `mailsniffer follow FILE --flow ID --raw c2s|s2c` must equal tcpflow's per-direction file byte for byte
    (when tcpflow wrote one for that 4-tuple; tcpflow cannot read every link type, e.g. SLL2), with two documented
    exceptions where tcpflow is wrong or follows another policy:
      - tcpflow appends the Ethernet padding of a short FIN segment (up to 6 bytes, zeros or trailer garbage) to the
        stream (accepted only where tshark's reassembly agrees with MailSniffer);
      - conflicting overlapping segments: tcpflow keeps the last copy, MailSniffer (like tshark and the receiving
        host's stack) the first; such a mismatch counts only when tshark disagrees with MailSniffer too;
  * the per-direction bytes (content, hence counts) must equal tshark's `-z follow,tcp,raw,N` reassembly, and the
    byte counts of `flows --json` must equal their lengths.

A damaged classic pcap (a record header that cannot be right) stops tshark and tcpflow, while MailSniffer skips to
the next readable record. For such a file MailSniffer's side is read from a copy cut at the first damage, which is
all the peers read, and a note says how far MailSniffer read beyond it.

Usage: compare_tcp.py [--mailsniffer CMD] FILE...   (exit 1 on any mismatch; tools that are missing are skipped)
"""
import argparse, glob, ipaddress, json, os, re, shlex, shutil, subprocess, sys, tempfile


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, **kw)


def tcpflow_name(ep):
    host, port = ep.rsplit(":", 1)
    host = host.strip("[]")
    ip = ipaddress.ip_address(host)
    if ip.version == 4:
        return ".".join(f"{int(o):03d}" for o in host.split(".")) + f".{int(port):05d}"
    return ip.exploded.replace(":", ".") + f".{int(port):05d}"  # tcpflow's IPv6 naming varies; best effort


def tshark_follow(path):
    """{(client, server): (c2s_len, s2c_len)} for every tcp stream, from tshark's own reassembly."""
    out = run(["tshark", "-r", path, "-T", "fields", "-e", "tcp.stream", "-Y", "tcp"], text=True).stdout.split()
    streams = sorted({int(s) for s in out if s.isdigit()})
    result = {}
    for s in streams:
        r = run(["tshark", "-r", path, "-q", "-z", f"follow,tcp,raw,{s}"], text=True).stdout
        node0 = node1 = None
        c2s, s2c = bytearray(), bytearray()
        for line in r.splitlines():
            if line.startswith("Node 0:"):
                node0 = line.split(":", 1)[1].strip()
            elif line.startswith("Node 1:"):
                node1 = line.split(":", 1)[1].strip()
            elif line and not line.startswith("=") and not line.startswith("Follow") and not line.startswith("Filter") and not line.startswith("Node"):
                try:
                    data = bytes.fromhex(line.strip())
                except ValueError:
                    continue
                if line.startswith("\t"):
                    s2c += data
                else:
                    c2s += data
        if node0 and node1:
            result[(node0, node1)] = (bytes(c2s), bytes(s2c))
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mailsniffer", default=os.environ.get("MAILSNIFFER", "mailsniffer"))
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    ms = shlex.split(a.mailsniffer)
    have_tcpflow, have_tshark = shutil.which("tcpflow"), shutil.which("tshark")
    failures = checked_tcpflow = checked_tshark = known_tcpflow_padding = known_overlap_policy = damaged_files = 0
    for path in a.files:
        r = run(ms + ["flows", path, "--json"], text=True)
        if r.returncode != 0:
            print(f"FAIL {path}: mailsniffer flows exit {r.returncode}: {r.stderr.strip()[:300]}")
            failures += 1
            continue
        ours_path, cut_dir = path, None
        damage = re.search(r"at byte offset (\d+) [^;]*; skipped (\d+) bytes", r.stderr)
        if damage:
            cut_dir = tempfile.mkdtemp(prefix="cut-")
            ours_path = os.path.join(cut_dir, os.path.basename(path))
            with open(path, "rb") as src, open(ours_path, "wb") as dst:
                dst.write(src.read(int(damage.group(1))))
            damaged_files += 1
            print(f"note {os.path.basename(path)}: damaged at byte offset {damage.group(1)}; tshark and tcpflow stop there, "
                  f"MailSniffer skipped {damage.group(2)} bytes and read on; compared up to the damage")
            r = run(ms + ["flows", ours_path, "--json"], text=True)
        flows = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
        tcp = [f for f in flows if f["transport"] == "tcp" and f["gaps"] == 0]
        tflow_dir = None
        if have_tcpflow:
            tflow_dir = tempfile.mkdtemp(prefix="tcpflow-")
            run(["tcpflow", "-r", path, "-o", tflow_dir])
        tshark_counts = tshark_follow(path) if have_tshark else {}
        for f in tcp:
            key = (f["client"].replace("[", "").replace("]", ""), f["server"].replace("[", "").replace("]", ""))
            tsh = tshark_counts.get(key)
            if tsh is None and tshark_counts.get((key[1], key[0])) is not None:
                tsh = tuple(reversed(tshark_counts[(key[1], key[0])]))
            if tsh is not None:
                checked_tshark += 1
                if (len(tsh[0]), len(tsh[1])) != (f["bytes_c2s"], f["bytes_s2c"]):
                    failures += 1
                    print(f"FAIL {os.path.basename(path)} flow {f['id']}: bytes c2s/s2c mailsniffer {f['bytes_c2s']}/{f['bytes_s2c']}, tshark {len(tsh[0])}/{len(tsh[1])}")
            for i, (direction, src, dst) in enumerate((("c2s", f["client"], f["server"]), ("s2c", f["server"], f["client"]))):
                name = os.path.join(tflow_dir, f"{tcpflow_name(src)}-{tcpflow_name(dst)}") if tflow_dir else None
                has_tcpflow = name is not None and os.path.exists(name)
                if not has_tcpflow and tsh is None:
                    continue
                ours = run(ms + ["follow", ours_path, "--flow", str(f["id"]), "--raw", direction]).stdout
                if tsh is not None and ours != tsh[i]:
                    failures += 1
                    print(f"FAIL {os.path.basename(path)} flow {f['id']} {direction}: content differs from tshark's reassembly")
                if has_tcpflow:
                    theirs = open(name, "rb").read()
                    checked_tcpflow += 1
                    if ours == theirs:
                        continue
                    if theirs.startswith(ours) and len(theirs) - len(ours) <= 6 and (tsh is None or tsh[i] == ours):
                        known_tcpflow_padding += 1
                    elif tsh is not None and ours == tsh[i] and len(ours) == len(theirs):
                        known_overlap_policy += 1
                        print(f"note {os.path.basename(path)} flow {f['id']} {direction}: conflicting overlaps; tcpflow kept the last copy, tshark and MailSniffer the first")
                    else:
                        failures += 1
                        print(f"FAIL {os.path.basename(path)} flow {f['id']} {direction}: mailsniffer {len(ours)} bytes, tcpflow {len(theirs)} bytes")
        if tflow_dir:
            shutil.rmtree(tflow_dir, ignore_errors=True)
        if cut_dir:
            shutil.rmtree(cut_dir, ignore_errors=True)
    print(f"compare_tcp: {len(a.files)} captures, {checked_tcpflow} directions compared with tcpflow, "
          f"{checked_tshark} connections compared with tshark, {failures} mismatches "
          f"(tcpflow artefacts set aside: {known_tcpflow_padding} Ethernet-padding tails, {known_overlap_policy} overlap-policy differences; "
          f"{damaged_files} damaged files compared up to the damage)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
