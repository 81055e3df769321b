#!/usr/bin/env bash
# replay_raw.sh PMIP4CT SRCDIR — `pmip4ct replay --raw` on a veth pair (issue #15 §2), in
# the network namespace netns.sh made: frames arrive at the far end byte for byte, --loop 3
# sends them three times, rewriting maps addresses and tunnels with valid checksums
# (tshark) and re-signs the Mobile IP messages (pmip4ct decode --sa), and bad captures are
# refused with the frame number and exit 2.  Root only: exits 77 otherwise.
set -uo pipefail
pmip4ct=$1 src=$2
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root (a veth pair)"; exit 77; }
command -v tshark >/dev/null || { echo "SKIP: tshark not installed"; exit 77; }
. "$(dirname "$0")/checks.sh"
rxpy=$(dirname "$0")/replay_raw_rx.py
K=hex:000102030405060708090a0b0c0d0e0f
SA="spi=256,key=$K"

ip link add rr0 type veth peer name rr1 || { echo "SKIP: no veth"; exit 77; }
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 2>/dev/null
ip link set rr0 up && ip link set rr1 up

"$pmip4ct" craft -w "$tmp/sig.pcap" "rrq from 10.0.0.1 to 10.0.0.2 lifetime 300 nai mn1@example.net auth fa-ha spi 256 key $K; rrp from 10.0.0.2 to 10.0.0.1 code 0 auth fa-ha spi 256 key $K" >/dev/null ||
	fail "craft"
"$src/tools/bench/replay-cap" "$tmp/cap.pcap" "$tmp/sig.pcap" 40 2000 || fail "replay-cap"

# replay NAME ARGS...: receive on rr1 into $tmp/NAME.rx.pcap while pmip4ct replays on rr0
replay() {
	local name=$1 rx
	shift
	python3 "$rxpy" rr1 "$tmp/$name.rx.pcap" >"$tmp/$name.rx.out" 2>&1 &
	rx=$!
	for _ in $(seq 50); do grep -q ready "$tmp/$name.rx.out" && break; sleep 0.1; done
	"$pmip4ct" replay --raw "$@" --if rr0 >"$tmp/$name.out" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc"
	wait "$rx"
}
rc() { cat "$tmp/$1.rc"; }

# 1. as they are, at 2,000 pps: byte for byte
replay plain "$tmp/cap.pcap" --pps 2000
if [ "$(rc plain)" != 0 ]; then fail "plain: exit $(rc plain): $(cat "$tmp/plain.err")"
elif why=$(python3 "$rxpy" --same "$tmp/cap.pcap" "$tmp/plain.rx.pcap" 2>&1); then
	ok "plain: 40 frames arrived byte for byte"
else fail "plain: $why"; fi
tail -n 1 "$tmp/plain.out" | grep -q '"packets":40,' || fail "plain: JSON: $(tail -n 1 "$tmp/plain.out")"
grep -q '"schedule_error_us":{"p50":' "$tmp/plain.out" || fail "plain: no schedule error in the JSON"

# 1b. the same capture as pcapng, and as nanosecond pcap
for fmt in pcapng nsecpcap; do
	command -v editcap >/dev/null || break
	editcap -F $fmt "$tmp/cap.pcap" "$tmp/cap.$fmt" 2>/dev/null || { fail "editcap -F $fmt"; continue; }
	replay $fmt "$tmp/cap.$fmt" --multiplier 4
	if [ "$(rc $fmt)" = 0 ] && why=$(python3 "$rxpy" --same "$tmp/cap.pcap" "$tmp/$fmt.rx.pcap" 2>&1); then
		ok "$fmt: 40 frames arrived byte for byte"
	else fail "$fmt: exit $(rc $fmt): ${why:-} $(cat "$tmp/$fmt.err")"; fi
done

# 1c. raw IP (LINKTYPE_RAW): an Ethernet header from rr0's MAC to broadcast is added
python3 - "$tmp/cap.pcap" "$tmp/raw.pcap" "$tmp/raw.want.pcap" "$(ip -o link show rr0 | sed -n 's/.*link\/ether \([^ ]*\).*/\1/p')" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
mac = bytes.fromhex(sys.argv[4].replace(":", ""))
raw, want, at = [], [], 24
while at + 16 <= len(b):
    n = struct.unpack("<I", b[at + 8:at + 12])[0]
    fr = b[at + 16:at + 16 + n]
    raw.append(fr[14:]); want.append(b"\xff" * 6 + mac + b"\x08\x00" + fr[14:])
    at += 16 + n
for path, frames, lt in ((sys.argv[2], raw, 101), (sys.argv[3], want, 1)):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, lt))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1796000000, i * 100, len(fr), len(fr)) + fr)
PY
replay rawip "$tmp/raw.pcap" --topspeed
if [ "$(rc rawip)" = 0 ] && why=$(python3 "$rxpy" --same "$tmp/raw.want.pcap" "$tmp/rawip.rx.pcap" 2>&1); then
	ok "raw IP: 40 frames in Ethernet from rr0 to broadcast"
else fail "raw IP: exit $(rc rawip): ${why:-} $(cat "$tmp/rawip.err")"; fi

# 2. --loop 3 at top speed, with --json
replay loop "$tmp/cap.pcap" --topspeed --loop 3 --json "$tmp/loop.json"
if [ "$(rc loop)" != 0 ]; then fail "loop: exit $(rc loop)"
elif why=$(python3 "$rxpy" --same "$tmp/cap.pcap" "$tmp/loop.rx.pcap" 3 2>&1); then
	ok "--loop 3: 120 frames, the capture three times"
else fail "--loop 3: $why"; fi
grep -q '"packets":120,.*"loops":3,' "$tmp/loop.json" || fail "--loop 3: --json: $(cat "$tmp/loop.json")"

# 3. maps and re-signing: addresses inside the messages mapped, Identification moved,
#    authenticators valid again, checksums valid
replay sign "$tmp/cap.pcap" --pps 4000 --mac 02:00:0a:00:00:02=02:00:0a:00:09:02 \
	--ip 10.0.0.1=10.0.1.1 --port 9000=9009 --sa "$SA"
"$pmip4ct" decode "$tmp/sig.pcap" >"$tmp/sig.dec"
"$pmip4ct" decode "$tmp/sign.rx.pcap" --sa "$SA" >"$tmp/sign.dec" 2>&1
st=$?
if [ "$(rc sign)" != 0 ]; then fail "re-sign: exit $(rc sign): $(cat "$tmp/sign.err")"
elif [ $st -ne 0 ] || [ "$(grep -c ': valid' "$tmp/sign.dec")" -ne 10 ]; then
	fail "re-sign: decode --sa exit $st: $(grep -v ': valid' "$tmp/sign.dec" | head -n 5)"
elif ! grep -q 'RRQ .*coa 10.0.1.1 ' "$tmp/sign.dec" || grep -q '10\.0\.0\.1' "$tmp/sign.dec"; then
	fail "re-sign: 10.0.0.1 not mapped to 10.0.1.1: $(head -n 2 "$tmp/sign.dec")"
elif [ "$(awk '/RRQ/ { for (i = 1; i < NF; i++) if ($i == "id") print $(i + 1); exit }' "$tmp/sig.dec")" = \
	"$(awk '/RRQ/ { for (i = 1; i < NF; i++) if ($i == "id") print $(i + 1); exit }' "$tmp/sign.dec")" ]; then
	fail "re-sign: the Identification was not re-stamped"
else ok "re-sign: 10 messages mapped, re-stamped and valid per decode --sa"; fi
grep -q '"resigned":10,' "$tmp/sign.out" || fail "re-sign: JSON: $(tail -n 1 "$tmp/sign.out")"
n=$(tshark -r "$tmp/sign.rx.pcap" -Y 'eth.dst == 02:00:0a:00:09:02 && udp.port == 9009' 2>/dev/null | wc -l)
[ "$n" -gt 0 ] || fail "re-sign: no frame with the mapped MAC and port"

# checks_tshark NAME: every IPv4 and UDP checksum of NAME.rx.pcap valid, at every layer
checks_tshark() {
	local bad all
	all=$(tshark -r "$tmp/$1.rx.pcap" 2>/dev/null | wc -l)
	bad=$(tshark -r "$tmp/$1.rx.pcap" -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE \
		-Y 'ip.checksum.status != 1 || (udp && udp.checksum.status != 1 && udp.checksum != 0)' 2>/dev/null | wc -l)
	if [ "$all" -ne 40 ] || [ "$bad" -ne 0 ]; then fail "$1: $bad of $all frames with a bad checksum"
	else ok "$1: 40 frames, every checksum valid per tshark"; fi
}
checks_tshark sign

# 4. tunnels: a GRE key rewritten, IP-in-IP added around everything, GRE stripped
replay key "$tmp/cap.pcap" --topspeed --tunnel gre-key:1000=77 --ip 10.10.0.5=10.10.9.5
checks_tshark key
[ "$(tshark -r "$tmp/key.rx.pcap" -Y 'gre.key == 77 && ip.src == 10.10.9.5' 2>/dev/null | wc -l)" -eq 20 ] ||
	fail "gre-key: not 20 frames with key 77 and the inner source mapped"
[ "$(tshark -r "$tmp/key.rx.pcap" -Y 'gre.key == 1000' 2>/dev/null | wc -l)" -eq 0 ] || fail "gre-key: key 1000 left"
replay add "$tmp/cap.pcap" --topspeed --tunnel strip --tunnel add:gre:192.0.2.1,192.0.2.2,key=5,csum --sa "$SA"
checks_tshark add
[ "$(tshark -r "$tmp/add.rx.pcap" -Y 'ip.src == 192.0.2.1 && gre.key == 5 && gre.checksum.status == 1' \
	2>/dev/null | wc -l)" -eq 40 ] || fail "add:gre: not 40 frames in GRE key 5 with a valid checksum"
[ "$(tshark -r "$tmp/add.rx.pcap" -Y 'gre.key == 1000' 2>/dev/null | wc -l)" -eq 0 ] || fail "strip: key 1000 left"
[ "$(tshark -r "$tmp/add.rx.pcap" -Y mip 2>/dev/null | wc -l)" -eq 10 ] || fail "add:gre: not 10 Mobile IP messages inside"
ok "tunnels: gre-key, strip and add:gre"

# 5. bad captures: the frame number, exit 2, no crash
bad() { # bad NAME PATTERN: replaying $tmp/NAME exits 2 with PATTERN
	"$pmip4ct" replay --raw "$tmp/$1" --if rr0 >"$tmp/$1.out" 2>"$tmp/$1.err"
	local st=$?
	if [ $st -ne 2 ] || ! grep -q "$2" "$tmp/$1.err"; then fail "$1: exit $st: $(cat "$tmp/$1.err")"
	else ok "$1: exit 2, $(head -n 1 "$tmp/$1.err")"; fi
}
echo 'not a capture' >"$tmp/text.pcap"
bad text.pcap 'text.pcap: .*format'
head -c $(($(stat -c %s "$tmp/cap.pcap") - 30)) "$tmp/cap.pcap" >"$tmp/cut.pcap"
bad cut.pcap 'cut.pcap: frame 40: .*truncated'
python3 -c 'import struct,sys; sys.stdout.buffer.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 105) + struct.pack("<IIII", 1, 0, 4, 4) + b"abcd")' >"$tmp/wifi.pcap"
bad wifi.pcap 'wifi.pcap: .*link type 105'
"$pmip4ct" replay --raw "$tmp/cap.pcap" --if rr9 >/dev/null 2>"$tmp/noif.err"
if [ $? -eq 2 ] && grep -q 'rr9: No such device' "$tmp/noif.err"; then ok "no such interface: exit 2"
else fail "no such interface: $(cat "$tmp/noif.err")"; fi
"$pmip4ct" replay --raw "$tmp/cap.pcap" --if rr0 --sa "spi=999,key=$K" >/dev/null 2>"$tmp/nosa.err"
if [ $? -eq 2 ] && grep -q 'frame 1: rrq fa-ha (SPI 256): no --sa for it' "$tmp/nosa.err"; then
	ok "an authenticator without an SA: exit 2, the frame named"
else fail "an authenticator without an SA: $(cat "$tmp/nosa.err")"; fi
checks_end
