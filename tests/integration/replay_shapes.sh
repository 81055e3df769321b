#!/usr/bin/env bash
# replay_shapes.sh — issue 15 §1, captures in the shapes the field brings them: the golden
# capture of HA-REV-20 rewritten by pcap_reshape.py, then decoded and replayed against
# `pmip4ct ha` started as its own process (remote_ha_lib.sh):
#   1. the signalling inside IP-in-IP (RFC 2003), and inside GRE with a Key (RFC 2784,
#      RFC 2890) in a nanosecond pcap: decode shows the same messages as the plain
#      capture, and the replay (the tunnel stripped) matches every exchange;
#   2. 802.1Q-tagged frames in a nanosecond pcap: the same;
#   3. the DUT's side missing (only the tester's messages): each message sent, the DUT's
#      answer reported ("none recorded"), the HA's Revocation acknowledged with its own
#      identifier, and the verdict is not "differ" (exit 0).
# Needs root (remote_ha_lib.sh) and python3: skips (77) without them.
set -uo pipefail
pmip4ct=${1:?usage: replay_shapes.sh PMIP4CT SOURCE_ROOT}
root=${2:?usage: replay_shapes.sh PMIP4CT SOURCE_ROOT}
command -v python3 >/dev/null || { echo "SKIP: python3 not installed"; exit 77; }
. "$(dirname "$0")/remote_ha_lib.sh"

cap=$root/captures/HA-REV-20.pcap
reshape=$(dirname "$0")/pcap_reshape.py
fail=0
bad() { echo "FAIL: $*"; fail=1; }

replay() { # NAME FILE EXTRA-ARGS...: a fresh HA, the replay; output in $tmp/NAME.out
	local name=$1 file=$2
	shift 2
	start_ha "$tmp/ha-$name.log"
	sleep 0.5
	"$pmip4ct" replay "$file" --dut-ha "127.0.0.2:$port" --pixit "$tmp/dut.pixit" "$@" \
		>"$tmp/$name.out" 2>&1
	rc=$?
	sed "s/^/  $name: /" "$tmp/$name.out"
	kill "${pids[-1]}"
	wait "${pids[-1]}" 2>/dev/null
	unset 'pids[-1]'
}

# decode, the frame's time left out (a nanosecond copy is 123 ns later)
messages() { "$pmip4ct" decode "$1" | cut -d' ' -f1,3-; }
messages "$cap" >"$tmp/plain.dec"

shape() { # NAME RESHAPE-OPTIONS...
	local name=$1
	shift
	python3 "$reshape" "$cap" "$tmp/$name.pcap" "$@" || { bad "$name: pcap_reshape.py $*"; return; }
	messages "$tmp/$name.pcap" >"$tmp/$name.dec"
	diff "$tmp/plain.dec" "$tmp/$name.dec" >"$tmp/$name.diff" ||
		bad "$name: decode differs from the plain capture's: $(head -5 "$tmp/$name.diff")"
	replay "$name" "$tmp/$name.pcap"
	[ $rc = 0 ] || bad "$name: the replay exited $rc, not 0"
	[ "$(grep -c '^frame .* match$' "$tmp/$name.out")" = 4 ] ||
		bad "$name: not 4 matching exchanges"
}

# 1. tunnels, 2. VLAN tags; the nanosecond files
shape ipip --ipip 192.0.2.1,192.0.2.2
shape gre-key --gre 192.0.2.1,192.0.2.2,0x1234 --nsec
shape vlan --vlan 100 --nsec
if command -v tshark >/dev/null; then # the shapes are what they claim
	tshark -r "$tmp/gre-key.pcap" -Y 'gre.key == 0x1234 && mip' 2>/dev/null | grep -q . ||
		bad "tshark finds no Mobile IP in GRE key 0x1234"
	tshark -r "$tmp/vlan.pcap" -Y 'vlan.id == 100 && mip' 2>/dev/null | grep -q . ||
		bad "tshark finds no Mobile IP in VLAN 100"
fi

# 3. only the tester's side
python3 "$reshape" "$cap" "$tmp/half.pcap" --drop-src 127.0.0.2 || bad "half: pcap_reshape.py"
replay half "$tmp/half.pcap" --pcap "$tmp/half-replay.pcap"
[ $rc = 0 ] || bad "half: the replay exited $rc, not 0"
[ "$(grep -c '^frame .* sent .*(none recorded)$' "$tmp/half.out")" = 4 ] ||
	bad "half: not 4 exchanges sent with the DUT's answer reported"
grep -q ' 0 differ, 0 no reply, 0 extra, 4 sent unrecorded' "$tmp/half.out" ||
	bad "half: an exchange differs, has no reply or is extra"
grep -q 'frame 3 .*DUT REV to 127.0.0.3, REVACK .*got REV' "$tmp/half.out" ||
	bad "half: the HA's Revocation is not reported with the recorded Ack"
# the Ack sent echoes the Revocation the HA sent (RFC 3543 §3.4)
"$pmip4ct" decode "$tmp/half-replay.pcap" >"$tmp/half.dec"
rev=$(awk '$6 == "REV" && $7 == "A=1" { for (i = 1; i < NF; i++) if ($i == "revid") print $(i + 1) }' \
	"$tmp/half.dec")
ack=$(awk '$6 == "REVACK" && $3 == "127.0.0.3:434" { for (i = 1; i < NF; i++) if ($i == "revid") { print $(i + 1); exit } }' \
	"$tmp/half.dec")
{ [ -n "$rev" ] && [ "$rev" = "$ack" ]; } ||
	bad "half: the HA's Revocation has revid '${rev:-?}', the Ack sent '${ack:-?}'"
cat "$tmp"/*.out | grep -q 'Segmentation\|Aborted\|sanitizer' && bad "a crash"
exit $fail
