#!/bin/sh
# Re-creates the shipped captures with `mailsniffer demo --capture`, which records the demo's own loopback addresses
# (127.0.0.2, 127.0.1.0/24, 127.0.2.0/24) with libpcap while the story plays, and writes the ground truth beside it.
# Needs root (standard ports 25/53/110/143/587, and capture privilege) and libpcap0.8.
# Usage: captures/make-captures.sh [path/to/mailsniffer.dll]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dll=${1:-$here/../src/MailSniffer.Cli/bin/Release/net10.0/mailsniffer.dll}

capture() {
    name=$1; shift
    rm -f "$here/$name.pcapng" "$here/$name.truth.json"
    dotnet "$dll" demo --capture "$here/$name.pcapng" --truth "$here/$name.truth.json" "$@"
    chmod 644 "$here/$name.pcapng"
}

capture demo-full-plaintext
capture demo-full-starttls --starttls
capture demo-pop3-only --scenario pop3
capture demo-imap-only --scenario imap
ls -l "$here"/*.pcapng
