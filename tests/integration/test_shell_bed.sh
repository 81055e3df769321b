#!/usr/bin/env bash
# test_shell_bed.sh PMIP4CT — the shell's test bed (pmip4ct-shell(7), COMMANDS): pics,
# pixit, start/stop of the roles (ha, pma, mn, cn), data through the HA's tunnel, verdict,
# capture, and dut for a DUT started on its own.
#  (a) one script, run as FILE and as -c: the same bytes, and what each command must show;
#  (b) the capture holds the session's packets (pmip4ct decode reads them back);
#  (c) a script whose verdict is fail exits 1; a fault of the reference is what fails it;
#  (d) errors name file:line:col;
#  (e) as root: dut ha ADDR:PORT against `pmip4ct ha` run as its own process.
set -uo pipefail
pmip4ct=${1:?usage: test_shell_bed.sh PMIP4CT}
. "$(dirname "$0")/checks.sh"
has() { # FILE REGEX WHAT
	if grep -qE -- "$2" "$1"; then ok "$3"; else fail "$3: no /$2/ in $1"; cat "$1"; fi
}

# ---- (a) the roles, data, verdict and capture in one script ----
cat >"$tmp/bed.pct" <<'PCT'
# bed.pct DIR
pixit reply-ms 2s
pics ha.gre-key no
start ha
start cn 192.0.2.99
capture start $1/bed.pcap
send rrq flags T lifetime 300 nai mn1@example.net ext pmip.devid mac 02:00:00:00:00:01 \
     ext pmip.pernode fa-ha auth fa-ha spi 256
expect rrp code 0 hoa != 0.0.0.0
data down $rx_hoa            # RFC 5563 §4.2: cn -> HoA comes out tunnelled to pma1
data up $rx_hoa via pma1     # the reverse tunnel: out on the home link
verdict
start pma
start mn 02:00:00:00:01:07
expect rrq at ha within 5s
send rrp code 0 ident $rx_ident hoa 10.10.0.20 lifetime 300 nai $rx_nai \
     ext pmip.pernode fa-ha auth fa-ha spi 256
stop mn
expect rrq at ha lifetime 0 within 5s
capture stop
stop all
verdict
PCT
both_ways bed "$tmp/bed.pct" "$tmp"
has "$tmp/bed.out" '^ha: the reference HA at 127\.0\.0\.2:434 \(virtual clock\)$' "start ha"
has "$tmp/bed.out" '^cn: 192\.0\.2\.99 on the home link$' "start cn ADDR"
has "$tmp/bed.out" '^data: 192\.0\.2\.99 -> [0-9.]+ came out tunnelled 127\.0\.0\.2 -> 127\.0\.0\.3 \(IP-in-IP\)$' \
	"data down: tunnelled to pma1, IP-in-IP as PICS ha.gre-key no asks"
has "$tmp/bed.out" '^data: [0-9.]+ -> 192\.0\.2\.99 came out on the home link' "data up"
has "$tmp/bed.out" '^mn: 02:00:00:00:01:07 attached$' "start mn MAC"
has "$tmp/bed.out" '^capture: [0-9]+ packets in .*/bed\.pcap$' "capture stop"
[ "$(grep -c '^verdict: pass$' "$tmp/bed.out")" = 2 ] && ok "verdict: pass, twice" ||
	fail "verdict: want 'verdict: pass' twice"
[ "$(grep -c '^expect: pass$' "$tmp/bed.out")" = 3 ] && ok "three expectations met" ||
	fail "want three 'expect: pass'"

# ---- (b) the capture ----
n=$(sed -nE 's/^capture: ([0-9]+) packets.*/\1/p' "$tmp/bed.out")
"$pmip4ct" decode "$tmp/bed.pcap" >"$tmp/dec.out" 2>&1
rrq=$(grep -c 'RRQ' "$tmp/dec.out")
rrp=$(grep -c 'RRP' "$tmp/dec.out")
if [ "${n:-0}" -ge 8 ] && [ "$rrq" -ge 3 ] && [ "$rrp" -ge 2 ]; then
	ok "capture: $n packets; decode reads $rrq RRQ and $rrp RRP back"
else
	fail "capture: $n packets, $rrq RRQ, $rrp RRP decoded"
	cat "$tmp/dec.out"
fi

# ---- (c) a fault fails the verdict, and the exit status follows it ----
cat >"$tmp/fault.pct" <<'PCT'
start ha --fault accept-bad-auth
send rrq flags T lifetime 300 nai mn1@example.net ext pmip.pernode fa-ha \
     auth fa-ha spi 256 corrupt
expect rrp code 132          # RFC 5563 §4.3: FA-HA failed authentication
verdict
PCT
# verdict_run SCRIPT STATUS VERDICT WHAT: the script exits STATUS and says VERDICT
verdict_run() {
	local out st
	out=$("$pmip4ct" "$1" 2>&1)
	st=$?
	if [ $st = "$2" ] && grep -qE "^verdict: $3" <<<"$out"; then
		ok "$4"
	else
		fail "$4: exit $st"
		echo "$out"
	fi
}
verdict_run "$tmp/fault.pct" 1 'fail: ' \
	"under --fault accept-bad-auth the verdict is fail and the script exits 1"
sed -i 's/ --fault accept-bad-auth//' "$tmp/fault.pct"
verdict_run "$tmp/fault.pct" 0 'pass$' "the same script against the clean HA: pass, exit 0"

# ---- (d) errors ----
err() { # WANT COMMANDS
	local got
	got=$("$pmip4ct" -c "$2" 2>&1 >/dev/null)
	if [ "$got" = "$1" ]; then ok "error: $1"; else fail "error: want '$1', got '$got'"; fi
}
err "-c:1:7: unknown PIXIT item 'reply-s' (did you mean 'reply-ms'?)" 'pixit reply-s 2s'
err "-c:1:17: PICS item ha.gre-key: expected yes|no, got 'maybe'" 'pics ha.gre-key maybe'
err "-c:1:7: expected ha, pma, mn or cn, got 'pmx' (did you mean 'pma'?)" 'start pmx'
err "-c:1:18: unknown ha fault 'nope' (pmip4ct ha --fault list)" 'start ha --fault nope'
err "-c:1:17: the HA is already up (stop ha first)" 'start ha; start ha'
err "-c:1:7: no PMA is up (start pma, or dut pma ADDR[:PORT])" 'start mn'
err "-c:1:1: no cn is up (start cn [ADDR])" 'data down 10.0.0.1'
err "-c:1:9: no capture is running" 'capture stop'
err "-c:1:9: expected reset, got 'now'" 'verdict now'

# ---- (e) a DUT started on its own ----
if [ "$(id -u)" != 0 ]; then
	echo "SKIP dut: the tester's PMAs bind UDP port 434 on 127.0.0.3 (needs root)"
else
	port=$((20000 + $$ % 20000))
	fa=spi=256,key=hex:000102030405060708090a0b0c0d0e0f,kind=fa-ha
	"$pmip4ct" ha --listen "127.0.0.2:$port" --sa "$fa" --pool 10.10.0.0/24 --log warn \
		2>"$tmp/ha.log" &
	pids+=($!)
	sleep 0.5
	"$pmip4ct" -c "dut ha 127.0.0.2:$port
send rrq flags T lifetime 300 nai mn9@example.net ext pmip.pernode fa-ha auth fa-ha spi 256
expect rrp code 0 hoa != 0.0.0.0 within 2s
send rrq flags T hoa \$rx_hoa lifetime 0 nai mn9@example.net ext pmip.pernode fa-ha auth fa-ha spi 256
expect rrp code 0 lifetime 0 within 2s
stop ha
verdict" >"$tmp/dut.out" 2>&1
	st=$?
	if [ $st = 0 ] && grep -q "^ha: the HA at 127.0.0.2:$port over UDP (real clock)\$" "$tmp/dut.out" &&
		grep -q '^verdict: pass$' "$tmp/dut.out"; then
		ok "dut ha: register and deregister over UDP with a pmip4ct ha process"
	else
		fail "dut ha: exit $st"
		cat "$tmp/dut.out" "$tmp/ha.log"
	fi
fi

checks_end
