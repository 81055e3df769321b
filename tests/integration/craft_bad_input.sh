#!/usr/bin/env bash
# craft_bad_input.sh PMIP4CT — `pmip4ct craft -` reads standard input as every other text
# input is read (issue #14): at most 1 MiB (a longer input is refused at once, not read
# whole), and a NUL byte is an error at its line and column, not the end of the text.
set -uo pipefail
pmip4ct=$1
. "$(dirname "$0")/checks.sh"

# the cap: an endless input ends in an error, quickly, and writes no pcap
timeout 20 bash -c 'yes "rrq nai mn@example.net" | "$0" craft -w "$1" - 2>"$2"' \
	"$pmip4ct" "$tmp/big.pcap" "$tmp/err"
st=$?
[ $st -eq 2 ] || fail "endless stdin: exit $st, want 2 (124 = still reading after 20 s)"
grep -q '<stdin>: longer than 1048576 bytes' "$tmp/err" ||
	fail "endless stdin: $(cat "$tmp/err")"
[ ! -e "$tmp/big.pcap" ] || fail "endless stdin: a pcap was written"

# just under the cap is read
head -c $((1048576 - 100)) /dev/zero | tr '\0' ' ' >"$tmp/blank"
echo 'rrq nai mn@example.net' >>"$tmp/blank"
"$pmip4ct" craft -w "$tmp/ok.pcap" - <"$tmp/blank" >"$tmp/out" 2>&1 ||
	fail "stdin under 1 MiB: $(cat "$tmp/out")"

# a NUL byte: an error where it is, nothing after it silently dropped
printf 'rrq nai a\n rrq nai b\0c\nrrq nai d\n' >"$tmp/nul"
"$pmip4ct" craft -w "$tmp/nul.pcap" - <"$tmp/nul" >"$tmp/out" 2>&1
st=$?
[ $st -eq 2 ] || fail "NUL on stdin: exit $st, want 2"
grep -q '<stdin>:2:11: NUL byte in the input' "$tmp/out" || fail "NUL on stdin: $(cat "$tmp/out")"
[ ! -e "$tmp/nul.pcap" ] || fail "NUL on stdin: a pcap was written"

# and a good input still works, every line of it
printf 'rrq nai a\nrrq nai b\nrrp code 0\n' | "$pmip4ct" craft -w "$tmp/good.pcap" - >"$tmp/out" 2>&1
grep -q 'wrote 3 messages' "$tmp/out" || fail "good stdin: $(cat "$tmp/out")"
[ "$failed" = 0 ] && ok "craft - caps standard input at 1 MiB and refuses NUL bytes"
checks_end
