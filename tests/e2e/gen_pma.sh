#!/usr/bin/env bash
# gen_pma.sh PMIP4CT TESTBED — issue #16: `pmip4ct gen --dut-pma` against a PMA.
# `pmip4ct pma` runs in the dut namespace of the pma-remote layout (tools/testbed);
# `pmip4ct gen PROFILE --dut-pma 10.252.1.1`, in the tester namespace, plays the HA on the
# PMA's network link and 100 devices on its access link: every device gets a lease by
# DHCP, data flows both ways through the tunnel with nothing lost, the leases are renewed
# at T1, the HA's revocations are all acknowledged, and the releases at the end make the
# PMA deregister every binding.  The figures are read from the JSON summary (--json).
# Then the same run against a PMA with a fault that drops its downlink: the loss is
# counted, exactly what was sent and not received; and a run interrupted by SIGINT
# finishes within a second or two with exit status 130, its devices released, nothing
# lost, its summary written with "finished": false.
# The first run takes the HA, the access link, the CN and the SA from the PIXIT; the
# others from the profile (pmip4ct-gen(5): ha, access-if, cn, sa).
# Root only (namespaces, AF_PACKET, raw sockets); exits 77 otherwise.
set -uo pipefail
pmip4ct=$(readlink -f "${1:?usage: gen_pma.sh PMIP4CT TESTBED}")
testbed=$(readlink -f "${2:?}")
[ "$(id -u)" -eq 0 ] || { echo "SKIP: gen_pma needs root (network namespaces, AF_PACKET)"; exit 77; }
command -v jq >/dev/null || { echo "SKIP: jq not installed"; exit 77; }
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

# The load (after testsuites/gen/pma-100.gen): 100 devices joining at 50/s, 10 packets/s
# each way per device for the whole run, 2 revocations a second.
profile() { # profile FILE DURATION [MORE...]: the run's profile
	local f=$1 dur=$2
	shift 2
	{
		echo "devices 100 mac 02:10:00:00:00:01"
		echo "pma 10.252.1.1"
		echo "encap gre"
		echo "lifetime 16"
		echo "register rate 50 ramp 1s"
		echo "flow data both rate 10 size 200"
		echo "duration $dur"
		printf '%s\n' "$@"
	} >"$f"
}
profile "$tmp/clean.gen" 10s "revoke rate 2"
cat >"$tmp/pixit" <<PIXIT
pixit sa $SA
pixit ha 10.252.1.2
pixit ha.cn 10.252.3.2
pixit access.if mnacc
PIXIT
OWN=("ha 10.252.1.2" "access-if mnacc" "cn 10.252.3.2" "sa $SA")
profile "$tmp/drop.gen" 4s "${OWN[@]}"
profile "$tmp/int.gen" 60s "${OWN[@]}"

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
gen() { # gen NAME [OPTIONS...]: NAME.gen run, NAME.json its summary, NAME.out its output
	local n=$tmp/$1
	shift
	ip netns exec "$TESTBED_PREFIX-tester" "$pmip4ct" gen "$n.gen" --dut-pma 10.252.1.1 \
		--json "$n.json" "$@" >"$n.out" 2>"$n.err"
}
v() { jq -r "$1" "$2"; } # v PATH FILE: a figure of the summary
expect() { # expect FILE PATH OP VALUE
	local got
	got=$(v "$2" "$1" 2>/dev/null)
	[[ "$got" =~ ^[0-9]+$ ]] && [ "$got" "$3" "$4" ] || bad "$2: $got, expected $3 $4"
}
show() { # show NAME: what a failed run left
	jq -c 'del(.histograms)' "$tmp/$1.json"
	cat "$tmp/$1.out" "$tmp/$1.err"
}

# 0. what the run against a PMA needs, refused before it starts (exit 2, no summary):
# the HA it plays and the devices' access link
printf 'pixit access.if mnacc\n' >"$tmp/pixit-ha"
printf 'pixit ha 10.252.1.2\n' >"$tmp/pixit-access.if"
for c in "ha:which HA" "access.if:access-if"; do
	item=${c%%:*}
	gen clean --pixit "$tmp/pixit-$item"
	rc=$?
	if [ "$rc" = 2 ] && [ ! -s "$tmp/clean.out" ] && grep -q "${c#*:}" "$tmp/clean.err"; then
		echo "ok: no $item: refused: $(cat "$tmp/clean.err")"
	else
		bad "no $item: exit $rc: $(cat "$tmp/clean.out" "$tmp/clean.err")"
	fi
done

# 1. a clean PMA
start_pma "$tmp/pma.log"
t0=$(date +%s%N)
gen clean --pixit "$tmp/pixit"
rc=$?
secs=$((($(date +%s%N) - t0) / 1000000000))
out=$tmp/clean.json
[ "$rc" = 0 ] || bad "the run: exit $rc: $(cat "$tmp/clean.err")"
expect "$out" .devices -eq 100
expect "$out" .registered -eq 100
expect "$out" .histograms.reg.n -ge 100
expect "$out" '.codes."0"' -ge 100
for d in up down; do
	sent=$(v ".counters.sent.$d" "$out")
	expect "$out" ".counters.sent.$d" -ge 5000
	expect "$out" ".counters.received.$d" -eq "$sent"
	expect "$out" ".counters.lost.$d" -eq 0
	expect "$out" ".counters.duplicated.$d" -eq 0
	expect "$out" ".histograms.lat_$d.n" -eq "$sent"
done
expect "$out" .counters.renewed -ge 100
expect "$out" .counters.revokes_sent -ge 10
expect "$out" .counters.revokes_acked -eq "$(v .counters.revokes_sent "$out")"
expect "$out" .histograms.rev_ack.n -eq "$(v .counters.revokes_sent "$out")"
expect "$out" .counters.dereg_sent -ge 95
expect "$out" .counters.deregistered -eq "$(v .counters.dereg_sent "$out")"
expect "$out" .counters.bad -eq 0
[ "$(v .finished "$out")" = true ] || bad "finished: $(v .finished "$out")"
if [ "$fail" = 0 ]; then
	echo "ok: 100 devices against pmip4ct pma in ${secs}s: $(v .registered "$out") leases," \
		"$(v .counters.sent.up "$out") up / $(v .counters.sent.down "$out") down, 0 lost," \
		"$(v .counters.renewed "$out") renewals," \
		"$(v .counters.revokes_acked "$out") revocations acked," \
		"$(v .counters.deregistered "$out") deregistered"
else
	show clean
	tail -n 30 "$tmp/pma.log"
fi
stop_pma

# 2. a PMA that drops its downlink after the registrations: the loss is counted exactly,
# and the run says so (exit 1)
start_pma "$tmp/pma-drop.log" --fault drop-downlink
gen drop
rc=$?
out=$tmp/drop.json
lost=$(v .counters.lost.down "$out")
sent=$(v .counters.sent.down "$out")
got=$(v .counters.received.down "$out")
if [ "$rc" = 1 ] && [[ "$lost" =~ ^[0-9]+$ ]] && [ "$lost" -gt 0 ] &&
	[ "$lost" -eq $((sent - got)) ] && [ "$(v .counters.lost.up "$out")" = 0 ]; then
	echo "ok: --fault drop-downlink: $lost of $sent down packets lost, counted exactly"
else
	bad "--fault drop-downlink: exit $rc, lost down $lost, sent $sent, received $got"
	show drop
fi
stop_pma

# 3. a run of 60 s interrupted after 4 s: released at once, the figures so far written
start_pma "$tmp/pma-int.log"
# a simple command in the background: $! is `ip netns exec`, which execs pmip4ct gen
ip netns exec "$TESTBED_PREFIX-tester" "$pmip4ct" gen "$tmp/int.gen" --dut-pma 10.252.1.1 \
	--json "$tmp/int.json" >"$tmp/int.out" 2>"$tmp/int.err" &
gen_pid=$!
sleep 4
t0=$(date +%s%N)
kill -INT "$gen_pid"
wait "$gen_pid"
rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
out=$tmp/int.json
if [ "$rc" = 130 ] && [ "$ms" -lt 3000 ] && [ "$(v .finished "$out")" = false ] &&
	[ "$(v .registered "$out")" = 100 ] && [ "$(v .counters.lost.up "$out")" = 0 ] &&
	[ "$(v .counters.lost.down "$out")" = 0 ] &&
	[ "$(v .counters.dereg_sent "$out")" = 100 ]; then
	echo "ok: interrupted after 4 s: exit 130 in ${ms}ms, 100 released, nothing lost"
else
	bad "interrupted: exit $rc after ${ms}ms"
	show int
fi
stop_pma
exit $fail
