#!/usr/bin/env python3
"""Checks `mailsniffer read --json` output against gen_bigmail.py's manifest: every message transfer of every protocol
found exactly as often as the manifest lists its Message-ID. Usage: check_transfers.py MANIFEST.json OUTPUT.jsonl"""
import collections, json, sys

manifest = json.load(open(sys.argv[1]))
found = collections.defaultdict(collections.Counter)
for line in open(sys.argv[2]):
    record = json.loads(line)
    if record.get("type") == "message" and record.get("message_id"):
        found[record["protocol"]]["<" + record["message_id"].strip("<>") + ">"] += 1
ok = True
for protocol, ids in manifest["message_ids"].items():
    expected = collections.Counter(ids)
    missing, extra = expected - found[protocol], found[protocol] - expected
    print(f"{protocol}: expected {sum(expected.values())}, found {sum(found[protocol].values())}, "
          f"missing {sum(missing.values())}, extra {sum(extra.values())}")
    ok &= not missing and not extra
print("all transfers found" if ok else "MISMATCH")
sys.exit(0 if ok else 1)
