#!/usr/bin/env bash
# replay_ha.sh — the acceptance checks of issue 15 §1 for `pmip4ct replay --dut-ha`:
# the golden capture of HA-REV-20 (a registration, a handover with the HA's revocation of
# the old PMA and its acknowledgment, then the old PMA's own revocation) replayed against
# `pmip4ct ha` started as its own process (remote_ha_lib.sh), on the real clock:
#   1. a clean HA: every exchange matches, exit 0;
#   2. the HA with --fault raise-lifetime: "RRP.Lifetime: recorded 300, got 1800", exit 1;
#      with --fault wrong-ident-high: "RRP.Identification: recorded the request's ...", exit 1;
#      with --variant clock-offset (its clock 5 minutes ahead) a 133 resynchronises the
#      Identification and the replay still matches; with --variant ext-order (the
#      extensions in another legal order) it matches too;
#   3. --to-script: the script run by `pmip4ct FILE.pct` gives the same verdicts;
#   4. the replay's pcap: IPv4 and UDP checksums valid (tshark), every authenticator
#      valid (`pmip4ct decode --sa`);
#   5. bad input (a truncated capture, no capture at all, a link type it cannot read,
#      frames cut by the snap length, an SPI with no SA): exit 2 with the frame or the
#      reason, no crash;
#   6. no HA at all: inconclusive, exit 3, never "match";
#   7. `replay` as a shell command: the same replay, a difference fails the script;
#   8. pacing: as recorded, --multiplier, --as-fast-as-answered.
# Needs root (remote_ha_lib.sh): skips (77) without it.
set -uo pipefail
pmip4ct=${1:?usage: replay_ha.sh PMIP4CT SOURCE_ROOT}
root=${2:?usage: replay_ha.sh PMIP4CT SOURCE_ROOT}
. "$(dirname "$0")/remote_ha_lib.sh"

cap=$root/captures/HA-REV-20.pcap
fail=0
bad() { echo "FAIL: $*"; fail=1; }

replay() { # NAME EXTRA-ARGS...: replay $cap against the HA; output in $tmp/NAME.out
	local name=$1
	shift
	"$pmip4ct" replay "$cap" --dut-ha "127.0.0.2:$port" --pixit "$tmp/dut.pixit" "$@" \
		>"$tmp/$name.out" 2>&1
	rc=$?
	sed "s/^/  $name: /" "$tmp/$name.out"
}

# 1. a clean HA
start_ha "$tmp/ha.log"
sleep 0.5
replay clean --json "$tmp/clean.json" --junit "$tmp/clean.xml" --pcap "$tmp/clean.pcap"
[ $rc = 0 ] || bad "the clean replay exited $rc, not 0"
[ "$(grep -c '^frame .* match$' "$tmp/clean.out")" = 4 ] || bad "not 4 matching exchanges"
grep -q '"verdict":"match"}' "$tmp/clean.json" || bad "the JSON summary is not match"
grep -q '"start":"20' "$tmp/clean.json" || bad "the JSON has no UTC start time"
grep -q 'testcase classname="replay" name="frame 5"' "$tmp/clean.xml" ||
	bad "the JUnit has no testcase 'frame 5'"
grep -q '<failure' "$tmp/clean.xml" && bad "the clean JUnit has a failure"

# 4. the replay's frames: checksums (tshark) and authenticators (decode --sa)
if command -v tshark >/dev/null; then
	n=$(tshark -r "$tmp/clean.pcap" -o udp.check_checksum:TRUE -o ip.check_checksum:TRUE \
		-T fields -e ip.checksum.status -e udp.checksum.status 2>/dev/null |
		grep -c '^1	1$')
	[ "$n" = 8 ] || bad "tshark: $n of 8 frames with good IPv4 and UDP checksums"
else
	echo "SKIP (part 4, checksums): tshark not installed"
fi
"$pmip4ct" decode --sa "$fa" --sa "$mn" "$tmp/clean.pcap" >"$tmp/dec.out" 2>&1 ||
	bad "decode --sa of the replay's pcap exited $?"
grep -q '^# 8 frames, 8 Mobile IP messages, 0 malformed, 0 invalid authenticators' \
	"$tmp/dec.out" || { bad "the replay's pcap: $(tail -1 "$tmp/dec.out")"; }

# 3. --to-script: run against a fresh HA of each kind, each expect's verdict is the
# replay's verdict of that exchange (match: pass, differ: fail)
"$pmip4ct" replay "$cap" --to-script "$tmp/rev20.pct" --dut-ha "127.0.0.2:$port" \
	--pixit "$tmp/dut.pixit" >"$tmp/script.out" 2>&1 || bad "--to-script exited $?"
replay_verdicts() { # NAME: the replay's verdicts, one word per exchange
	sed -n 's/^frame .* \(match\|differ\|no-reply\)\( .*\)\?$/\1/p' "$tmp/$1.out" |
		sed 's/match/pass/; s/differ/fail/; s/no-reply/fail/' | tr '\n' ' '
}
script_run() { # NAME WANT-RC: run the script against the HA up; compare with replay NAME
	"$pmip4ct" "$tmp/rev20.pct" >"$tmp/script-$1.out" 2>&1
	rc=$?
	sed "s/^/  script-$1: /" "$tmp/script-$1.out"
	[ $rc = "$2" ] || bad "the script of the capture exited $rc against HA '$1', not $2"
	got=$(sed -n 's/^expect: \(pass\|fail\).*/\1/p' "$tmp/script-$1.out" | tr '\n' ' ')
	want=$(replay_verdicts "$1")
	[ -n "$want" ] && [ "$got" = "$want" ] ||
		bad "script verdicts '$got', replay verdicts '$want' (HA '$1')"
}
restart_ha "$tmp/ha-s.log"
sleep 0.5
script_run clean 0

# 2. a fault that changes a reply field
restart_ha "$tmp/ha-f.log" --fault raise-lifetime
sleep 0.5
replay fault --json "$tmp/fault.json"
[ $rc = 1 ] || bad "the replay against --fault raise-lifetime exited $rc, not 1"
grep -q 'RRP.Lifetime: recorded 300, got 1800' "$tmp/fault.out" ||
	bad "the mismatching field is not reported"
grep -q '"verdict":"differ"}' "$tmp/fault.json" || bad "the JSON summary is not differ"
restart_ha "$tmp/ha-f2.log" --fault raise-lifetime
sleep 0.5
script_run fault 1
# an accepted reply that does not copy the request's Identification whole (RFC 5944
# §3.4): the recorded relation, not the recorded value, is what is compared
restart_ha "$tmp/ha-i.log" --fault wrong-ident-high
sleep 0.5
replay ident
[ $rc = 1 ] || bad "the replay against --fault wrong-ident-high exited $rc, not 1"
grep -q "RRP.Identification: recorded the request's" "$tmp/ident.out" ||
	bad "the wrong Identification is not reported"
restart_ha "$tmp/ha-c.log" --variant clock-offset
sleep 0.5
replay clock
[ $rc = 0 ] || bad "the replay against an HA 5 minutes ahead exited $rc, not 0"
grep -q 'resent once after 133' "$tmp/clock.out" || bad "no resend after the 133"
# an HA that orders its reply's extensions otherwise (RFC 5944 §3.4 leaves it free):
# the same extensions in another order still match
restart_ha "$tmp/ha-o.log" --variant ext-order
sleep 0.5
replay order
[ $rc = 0 ] || bad "the replay against --variant ext-order exited $rc, not 0"

# the same capture as pcapng
if command -v editcap >/dev/null; then
	editcap -F pcapng "$cap" "$tmp/rev20.pcapng"
	restart_ha "$tmp/ha-ng.log"
	sleep 0.5
	"$pmip4ct" replay "$tmp/rev20.pcapng" --dut-ha "127.0.0.2:$port" --pixit "$tmp/dut.pixit" \
		>"$tmp/ng.out" 2>&1
	rc=$?
	sed 's/^/  pcapng: /' "$tmp/ng.out"
	[ $rc = 0 ] || bad "the pcapng replay exited $rc, not 0"
fi

# the shell's replay command: the same, a difference fails the script
restart_ha "$tmp/ha-sh.log"
sleep 0.5
"$pmip4ct" -c "replay $cap --dut-ha 127.0.0.2:$port --pixit $tmp/dut.pixit" \
	>"$tmp/shell.out" 2>&1
rc=$?
sed 's/^/  shell: /' "$tmp/shell.out"
[ $rc = 0 ] || bad "the shell's replay exited $rc, not 0"
"$pmip4ct" -c "replay $cap --dut-ha 127.0.0.2:$port --pixit $tmp/dut.pixit" \
	>"$tmp/shell2.out" 2>&1
rc=$?
sed 's/^/  shell again: /' "$tmp/shell2.out"
[ $rc = 1 ] && grep -q 'replay failed (exit status 1)' "$tmp/shell2.out" ||
	bad "the shell's replay against a changed binding state did not fail the script"

# 8. pacing: HA-SEQ-01 resends its request 1 s later with the same Identification (a
# replay the HA answers with 133): as recorded the second request leaves 1 s after the
# first, a quarter of that with --multiplier 4, at once with --as-fast-as-answered;
# the 133 comes back each time (the Identification's distance is kept, not the time's)
pace() { # NAME MIN-MS MAX-MS OPTIONS...: the second request's time in the replay's pcap
	local name=$1 lo=$2 hi=$3
	shift 3
	restart_ha "$tmp/ha-$name.log"
	sleep 0.5
	"$pmip4ct" replay "$root/captures/HA-SEQ-01.pcap" --dut-ha "127.0.0.2:$port" \
		--pixit "$tmp/dut.pixit" --pcap "$tmp/$name.pcap" "$@" >"$tmp/$name.out" 2>&1
	rc=$?
	sed "s/^/  $name: /" "$tmp/$name.out"
	[ $rc = 0 ] || bad "$name: the replay of HA-SEQ-01 exited $rc, not 0"
	ms=$("$pmip4ct" decode "$tmp/$name.pcap" |
		awk '$6 == "RRQ" { n++ } $6 == "RRQ" && n == 2 { printf "%d", $2 * 1000 }')
	{ [ -n "$ms" ] && [ "$ms" -ge "$lo" ] && [ "$ms" -le "$hi" ]; } ||
		bad "$name: the second request left at ${ms:-?} ms, not within $lo-$hi ms"
}
# the schedule is anchored at the replay's start, not at the first send: a first send the
# machine delays (ASan, a busy CI) shortens the gap measured from it by that delay
pace recorded 980 1300
pace mult4 235 500 --multiplier 4
pace fast 0 200 --as-fast-as-answered
# a capture whose HA stayed silent (HA-ROB-16: 200 messages, 2 answered): as fast as
# answered does not wait reply-ms after each unanswered one (it took 100 s)
restart_ha "$tmp/ha-rob.log"
sleep 0.5
"$pmip4ct" replay "$root/captures/HA-ROB-16.pcap" --dut-ha "127.0.0.2:$port" \
	--pixit "$tmp/dut.pixit" --pcap "$tmp/rob.pcap" --as-fast-as-answered >"$tmp/rob.out" 2>&1
rc=$?
tail -n 2 "$tmp/rob.out" | sed 's/^/  rob: /'
[ $rc = 0 ] || bad "the fast replay of HA-ROB-16 exited $rc, not 0"
ms=$("$pmip4ct" decode "$tmp/rob.pcap" | awk '$4 == "->" { t = $2 } END { printf "%d", t * 1000 }')
[ -n "$ms" ] && [ "$ms" -le 5000 ] ||
	bad "the fast replay of HA-ROB-16 sent its last message at ${ms:-?} ms, not within 5 s"

# 6. no HA: inconclusive, never a match
kill "${pids[-1]}"
wait "${pids[-1]}" 2>/dev/null
unset 'pids[-1]'
replay dead
[ $rc = 3 ] || bad "the replay against no HA exited $rc, not 3"
grep -q 'inconclusive' "$tmp/dead.out" || bad "no HA is not reported inconclusive"

# 5. bad input: exit 2, a clear reason, no crash
bad_input() { # NAME FILE PATTERN [EXTRA-ARGS...]
	local name=$1 file=$2 pat=$3
	shift 3
	"$pmip4ct" replay "$file" --dut-ha "127.0.0.2:$port" --pixit "$tmp/dut.pixit" "$@" \
		>"$tmp/$name.out" 2>&1
	rc=$?
	sed "s/^/  $name: /" "$tmp/$name.out"
	[ $rc = 2 ] || bad "$name: exit $rc, not 2"
	grep -q -- "$pat" "$tmp/$name.out" || bad "$name: no '$pat' in the error"
}
head -c 100 "$cap" >"$tmp/trunc.pcap"
bad_input truncated "$tmp/trunc.pcap" 'frame 1: truncated'
echo 'not a capture' >"$tmp/text.pcap"
bad_input not-pcap "$tmp/text.pcap" 'text.pcap: unknown file format'
# a pcap of link type 105 (IEEE 802.11): a header and no frame
printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x69\x00\x00\x00' \
	>"$tmp/wifi.pcap"
bad_input linktype "$tmp/wifi.pcap" 'wifi.pcap: .*link'
# frames cut by the snap length: the datagram is not all there
if command -v editcap >/dev/null; then
	editcap -s 80 "$cap" "$tmp/snap.pcap"
	bad_input snaplen "$tmp/snap.pcap" 'frame 1: the capture holds 38 of'
fi
printf 'pixit sa spi=999,key=hex:00,kind=fa-ha\npixit mn-sa spi=998,key=hex:00\n' \
	>"$tmp/nosa.pixit"
bad_input no-sa "$cap" 'frame 1: RRQ extension 34 has SPI 256' --pixit "$tmp/nosa.pixit"
cat "$tmp"/*.out | grep -q 'Segmentation\|Aborted\|sanitizer' && bad "a crash"

exit $fail
