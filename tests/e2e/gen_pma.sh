#!/usr/bin/env bash
# gen_pma.sh PMIP4CT TESTBED DRIVER — issue #16: the traffic generator against a PMA.
# `pmip4ct pma` runs in the dut namespace of the pma-remote layout (tools/testbed); the
# generator (DRIVER: tests/integration/gen_pma_drive, gen_pma_worker until `pmip4ct gen`
# resolves profiles) plays the HA on the PMA's network link and 100 devices on its
# access link: every device gets a lease by DHCP, data flows both ways through the
# tunnel with nothing lost, the leases are renewed at T1, the HA's revocations are all
# acknowledged, and the releases at the end make the PMA deregister every binding.
# Then the same run against a PMA with a fault that drops its downlink: the loss is
# counted, exactly what was sent and not received; and a run interrupted (the worker's
# stop) finishes within a second or two, its devices released, nothing lost.
# Root only (namespaces, AF_PACKET, raw sockets); exits 77 otherwise.
set -uo pipefail
pmip4ct=$(readlink -f "${1:?usage: gen_pma.sh PMIP4CT TESTBED DRIVER}")
testbed=$(readlink -f "${2:?}")
drive=$(readlink -f "${3:?}")
[ "$(id -u)" -eq 0 ] || { echo "SKIP: gen_pma needs root (network namespaces, AF_PACKET)"; exit 77; }
export TESTBED_PREFIX=gp$$

tmp=$(mktemp -d)
pma_pid=
stop_pma() {
	[ -z "$pma_pid" ] || { kill "$pma_pid" 2>/dev/null; wait "$pma_pid" 2>/dev/null; }
	pma_pid=
}
cleanup() {
	stop_pma
	"$testbed" pma-remote down >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

"$testbed" pma-remote up >/dev/null || { echo "FAIL: testbed"; exit 1; }

SA=spi=256,key=hex:000102030405060708090a0b0c0d0e0f,kind=fa-ha
# A 6 s lease: T1 at 3 s, so every device renews in a 10 s run.
cat >"$tmp/pma.conf" <<CONF
address 10.252.1.1
ha 10.252.1.2
sa $SA
access acc; gateway 10.10.0.1; netmask /24
lease 6
lifetime 16
gre on; revocation on
CONF

start_pma() { # start_pma LOG [OPTIONS...]
	local log=$1
	shift
	(exec ip netns exec "$TESTBED_PREFIX-dut" "$pmip4ct" pma -c "$tmp/pma.conf" "$@" \
		2>"$log") &
	pma_pid=$!
	for _ in $(seq 50); do grep -q "ready on" "$log" 2>/dev/null && return 0; sleep 0.1; done
	bad "the PMA did not start: $(cat "$log")"
	exit 1
}
GEN=(--ha 10.252.1.2 --cn 10.252.3.2 --access mnacc --sa "$SA" --devices 100 --rate 50
	--ramp 1 --duration 10 --pps 10 --size 200 --lifetime 16)
gen() { # gen OUT [OPTIONS...]
	local out=$1
	shift
	ip netns exec "$TESTBED_PREFIX-tester" "$drive" "${GEN[@]}" "$@" >"$out" 2>"$out.err"
}
v() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }
expect() { # expect FILE NAME OP VALUE
	local got
	got=$(v "$2" "$1")
	[ -n "$got" ] && [ "$got" "$3" "$4" ] || bad "$2: $got, expected $3 $4"
}

# 1. a clean PMA
start_pma "$tmp/pma.log"
gen "$tmp/clean.out" --revoke 2
rc=$?
out=$tmp/clean.out
[ "$rc" = 0 ] || bad "the run: exit $rc: $(cat "$out.err")"
expect "$out" devices -eq 100
expect "$out" registered -eq 100
expect "$out" reg_n -ge 100
expect "$out" code_0 -ge 100
for d in up down; do
	expect "$out" "sent_$d" -ge 5000
	expect "$out" "received_$d" -eq "$(v "sent_$d" "$out")"
	expect "$out" "lost_$d" -eq 0
	expect "$out" "duplicated_$d" -eq 0
	expect "$out" "lat_${d}_n" -eq "$(v "sent_$d" "$out")"
done
expect "$out" renewed -ge 100
expect "$out" revokes_sent -ge 10
expect "$out" revokes_acked -eq "$(v revokes_sent "$out")"
expect "$out" rev_ack_n -eq "$(v revokes_sent "$out")"
expect "$out" dereg_sent -ge 95
expect "$out" deregistered -eq "$(v dereg_sent "$out")"
expect "$out" bad -eq 0
expect "$out" device_state_bytes -le 256
if [ "$fail" = 0 ]; then
	echo "ok: 100 devices against pmip4ct pma: $(v registered "$out") leases," \
		"$(v sent_up "$out") up / $(v sent_down "$out") down, 0 lost," \
		"$(v renewed "$out") renewals, $(v revokes_acked "$out") revocations acked," \
		"$(v deregistered "$out") deregistered; registration p50 $(v reg_p50_us "$out") us"
else
	cat "$out"
	tail -n 30 "$tmp/pma.log"
fi
stop_pma

# 2. a PMA that drops its downlink after the registrations: the loss is counted exactly
start_pma "$tmp/pma-drop.log" --fault drop-downlink
gen "$tmp/drop.out" --duration 4
out=$tmp/drop.out
lost=$(v lost_down "$out")
sent=$(v sent_down "$out")
got=$(v received_down "$out")
if [ -n "$lost" ] && [ "$lost" -gt 0 ] && [ "$lost" -eq $((sent - got)) ] &&
	[ "$(v lost_up "$out")" = 0 ]; then
	echo "ok: --fault drop-downlink: $lost of $sent down packets lost, counted exactly"
else
	bad "--fault drop-downlink: lost_down $lost, sent $sent, received $got"
	cat "$out" "$out.err"
fi
stop_pma

# 3. a run of 60 s interrupted after 4 s: released at once, the figures so far kept
start_pma "$tmp/pma-int.log"
out=$tmp/int.out
# ip netns exec runs the driver in its own process: $! is the driver
ip netns exec "$TESTBED_PREFIX-tester" "$drive" "${GEN[@]}" --duration 60 >"$out" 2>"$out.err" &
gen_pid=$!
sleep 4
t0=$(date +%s%N)
kill -INT "$gen_pid"
wait "$gen_pid"
rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
if [ "$rc" = 0 ] && [ "$ms" -lt 3000 ] && [ "$(v registered "$out")" = 100 ] &&
	[ "$(v lost_up "$out")" = 0 ] && [ "$(v lost_down "$out")" = 0 ] &&
	[ "$(v dereg_sent "$out")" = 100 ]; then
	echo "ok: interrupted after 4 s: done in ${ms}ms, 100 released, nothing lost"
else
	bad "interrupted: exit $rc after ${ms}ms"
	cat "$out" "$out.err"
fi
stop_pma
exit $fail
