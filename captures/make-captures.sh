#!/bin/sh
# Re-creates the shipped captures: runs `mailsniffer demo` while dumpcap records the demo's loopback
# addresses (and nothing else on lo). Needs root (ports 25/53/110/143/587 and capture privilege).
# Usage: captures/make-captures.sh [path/to/mailsniffer.dll]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dll=${1:-$here/../src/MailSniffer.Cli/bin/Release/net10.0/mailsniffer.dll}
filter='host 127.0.0.2 or net 127.0.1.0/24 or net 127.0.2.0/24'

capture() {
    name=$1; shift
    rm -f "$here/$name.pcapng" "$here/$name.truth.json"
    dumpcap -q -i lo -f "$filter" -w "$here/$name.pcapng" &
    cap=$!
    sleep 2
    dotnet "$dll" demo --truth "$here/$name.truth.json" "$@"
    sleep 1
    kill -INT $cap
    wait $cap || true
    chmod 644 "$here/$name.pcapng"
}

capture demo-full-plaintext
capture demo-full-starttls --starttls
capture demo-pop3-only --scenario pop3
capture demo-imap-only --scenario imap
ls -l "$here"/*.pcapng
