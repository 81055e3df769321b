#!/usr/bin/env bash
# decode_bad_input.sh PMIP4CT — bad input to `pmip4ct decode` gets a clear
# error and a non-zero exit, never a crash: a garbage file, a pcap cut mid-record, an
# empty file, a missing file, and Mobile IP messages whose lengths lie.
set -uo pipefail
pmip4ct=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rc=0

# expect NAME WANT_STATUS PATTERN -- CMD...: run CMD, check its exit status and that its
# output (stdout + stderr) matches PATTERN; a status >= 128 is a crash.
expect() {
	local name=$1 want=$2 pat=$3 out st
	shift 4
	out=$("$@" 2>&1)
	st=$?
	if [ "$st" -ge 128 ]; then
		echo "FAIL $name: crashed (status $st)"; printf '%s\n' "$out" | tail -n 5; rc=1
	elif [ "$st" -ne "$want" ]; then
		echo "FAIL $name: exit $st, want $want"; printf '%s\n' "$out" | tail -n 5; rc=1
	elif ! printf '%s\n' "$out" | grep -qE "$pat"; then
		echo "FAIL $name: output does not match /$pat/"; printf '%s\n' "$out" | tail -n 5; rc=1
	else
		echo "ok   $name: $(printf '%s\n' "$out" | grep -E "$pat" | head -n 1)"
	fi
}

printf 'this is not a capture file, just text\n%.0s' {1..20} >"$tmp/garbage.pcap"
: >"$tmp/empty.pcap"
# A capture of our own (the public ones of ../shared may be absent), cut mid-record.
src=$tmp/own.pcap
"$pmip4ct" craft -w "$src" 'rrq nai mn@example.net' 'rrp code 0 nai mn@example.net' \
	>/dev/null || { echo "FAIL: craft could not write $src"; exit 1; }
head -c $(( $(stat -c %s "$src") - 10 )) "$src" >"$tmp/cut.pcap"

expect garbage 2 'garbage.pcap' -- "$pmip4ct" decode "$tmp/garbage.pcap"
expect empty 2 'empty.pcap' -- "$pmip4ct" decode "$tmp/empty.pcap"
expect missing 2 'nonexistent' -- "$pmip4ct" decode "$tmp/nonexistent.pcap"
expect cut-record 2 'frame [0-9]+' -- "$pmip4ct" decode "$tmp/cut.pcap"
expect no-args 2 'usage' -- "$pmip4ct" decode
expect bad-sa 2 'column' -- "$pmip4ct" decode "$src" --sa spi=12,key=hex:00

# Mobile IP messages whose lengths lie (RFC 5944 §1.9-§1.11): crafted, then decoded.
"$pmip4ct" craft -w "$tmp/lies.pcap" \
	'rrq nai mn@example.net ext nai x length 200' \
	'rrq ext pmip-skip acctech 802.16e length 9' \
	'rrp code 0 ext gre-key 5 length 700' \
	'rrq truncate 13' >/dev/null ||
	{ echo "FAIL: craft could not write the lying messages"; exit 1; }
expect lying-lengths 1 'MALFORMED.*(truncated|invalid) at byte [0-9]+' -- \
	"$pmip4ct" decode "$tmp/lies.pcap"
n=$("$pmip4ct" decode "$tmp/lies.pcap" | grep -c MALFORMED)
[ "$n" -eq 4 ] || { echo "FAIL lying-lengths: $n of 4 messages reported malformed"; rc=1; }
exit $rc
