#!/usr/bin/env bash
# replay_pma.sh — `pmip4ct replay --dut-pma` (issue 15 §1, the other direction): the
# tester plays the HA of `pmip4ct pma` started as its own process, answering the PMA's
# request with the recorded reply (re-stamped on the request, re-signed) and sending the
# recorded revocation, from a capture crafted here (a proxy registration, its reply, the
# HA's revocation and the PMA's acknowledgment):
#   1. a clean PMA: every exchange matches, exit 0 (its retransmission of the request,
#      sent before the tester answered, is answered again, not an extra);
#   2. the PMA with --fault no-t-bit: "RRQ.T: recorded 1, got 0", exit 1;
#   3. the PMA with --fault no-revocation-ack: no acknowledgment, exit 1;
#   4. no PMA: inconclusive, exit 3;
#   5. --to-script: the script (the tester as the PMA's HA) run by `pmip4ct FILE.pct`
#      against a clean PMA and each faulty one gives the replay's verdicts.
# Needs root (port 434 of the tester's HA): skips (77) without it.
set -uo pipefail
pmip4ct=${1:?usage: replay_pma.sh PMIP4CT}
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: the tester's HA binds UDP port 434 on 127.0.0.2 (needs root)"
	exit 77
fi
tmp=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$tmp"' EXIT
port=$((20000 + $$ % 20000))
K=hex:000102030405060708090a0b0c0d0e0f
fa=spi=256,key=$K,kind=fa-ha
fail=0
bad() { echo "FAIL: $*"; fail=1; }

"$pmip4ct" craft -w "$tmp/pma.pcap" \
	"rrq from 127.0.0.5 to 127.0.0.2 flags T lifetime 300 hoa 0.0.0.0 \
	 ident 0xed00378000000002 nai 020000000101@example.net \
	 ext pmip.devid mac 02:00:00:00:01:01 ext pmip.pernode fa-ha \
	 ext rev-support ts 3976214400 auth fa-ha spi 256 key $K" \
	"rrp from 127.0.0.2 to 127.0.0.5 code 0 lifetime 300 hoa 10.10.0.20 \
	 ident 0xed00378000000002 nai 020000000101@example.net ext pmip.pernode fa-ha \
	 ext rev-support ts 3976214400 auth fa-ha spi 256 key $K" \
	"revocation a from 127.0.0.2 to 127.0.0.5 hoa 10.10.0.20 revid 3976214401 \
	 auth fa-ha spi 256 key $K" \
	"revack from 127.0.0.5 to 127.0.0.2 hoa 10.10.0.20 revid 3976214401 \
	 auth fa-ha spi 256 key $K" >/dev/null || { echo "FAIL: craft"; exit 1; }
printf 'pixit reply-ms 3s\npixit silence-ms 300ms\n' >"$tmp/pma.pixit"

start_pma() { # LOG [PMA-OPTION...]: `pmip4ct pma` at 127.0.0.5, its HA at 127.0.0.2
	local log=$1
	shift
	"$pmip4ct" pma --address 127.0.0.5 --port "$port" --ha 127.0.0.2 --sa "$fa" \
		--attach 02:00:00:00:01:01,020000000101@example.net --lifetime 300 \
		--log warn "$@" 2>"$log" &
	pids+=($!)
}
stop_pma() {
	kill "${pids[-1]}"
	wait "${pids[-1]}" 2>/dev/null
	unset 'pids[-1]'
}

replay() { # NAME WANT-RC [PMA-OPTION...]: the replay, then the PMA (its request starts it)
	local name=$1 want=$2
	shift 2
	"$pmip4ct" replay "$tmp/pma.pcap" --dut-pma "127.0.0.5:$port" --pixit "$tmp/pma.pixit" \
		--pcap "$tmp/$name.pcap" >"$tmp/$name.out" 2>&1 &
	local rp=$!
	sleep 0.3
	[ "$name" = dead ] || start_pma "$tmp/$name.log" "$@"
	wait $rp
	rc=$?
	sed "s/^/  $name: /" "$tmp/$name.out"
	[ "$rc" = "$want" ] || bad "$name: the replay exited $rc, not $want"
	[ "$name" = dead ] || stop_pma
}

replay_verdicts() { # NAME: the replay's verdicts, one word per exchange
	sed -n 's/^frame .* \(match\|differ\|no-reply\)\( .*\)\?$/\1/p' "$tmp/$1.out" |
		sed 's/match/pass/; s/differ/fail/; s/no-reply/fail/' | tr '\n' ' '
}
script_run() { # NAME WANT-RC [PMA-OPTION...]: the script of the capture, then the PMA
	local name=$1 want=$2 got want_v
	shift 2
	"$pmip4ct" "$tmp/pma.pct" >"$tmp/script-$name.out" 2>&1 &
	local sp=$!
	sleep 0.3
	start_pma "$tmp/script-$name.log" "$@"
	wait $sp
	rc=$?
	grep -v '^    ' "$tmp/script-$name.out" | sed "s/^/  script-$name: /"
	[ "$rc" = "$want" ] || bad "script-$name: the script exited $rc, not $want"
	stop_pma
	got=$(sed -n 's/^expect: \(pass\|fail\).*/\1/p' "$tmp/script-$name.out" | tr '\n' ' ')
	want_v=$(replay_verdicts "$name")
	[ -n "$want_v" ] && [ "$got" = "$want_v" ] ||
		bad "script-$name: script verdicts '$got', replay verdicts '$want_v'"
}

replay clean 0
"$pmip4ct" replay "$tmp/pma.pcap" --to-script "$tmp/pma.pct" --dut-pma "127.0.0.5:$port" \
	--pixit "$tmp/pma.pixit" >"$tmp/to-script.out" 2>&1 ||
	bad "--to-script --dut-pma exited $?: $(cat "$tmp/to-script.out")"
sed 's/^/  pma.pct: /' "$tmp/pma.pct"
script_run clean 0
[ "$(grep -c '^frame .* match' "$tmp/clean.out")" = 2 ] || bad "clean: not 2 matching exchanges"
"$pmip4ct" decode --sa "$fa" "$tmp/clean.pcap" >"$tmp/dec.out" 2>&1 ||
	bad "clean: decode --sa of the replay's pcap exited $?: $(tail -1 "$tmp/dec.out")"
replay no-t 1 --fault no-t-bit
grep -q 'RRQ.T: recorded 1, got 0' "$tmp/no-t.out" || bad "no-t: the T bit is not reported"
script_run no-t 1 --fault no-t-bit
replay no-ack 1 --fault no-revocation-ack
grep -q 'no REVACK from the DUT' "$tmp/no-ack.out" || bad "no-ack: the missing ack is not reported"
script_run no-ack 1 --fault no-revocation-ack
replay dead 3
grep -q inconclusive "$tmp/dead.out" || bad "dead: not reported inconclusive"
exit $fail
