#!/usr/bin/env bash
# remote_ha_dataplane.sh PMIP4CT TESTBED SOURCE_ROOT — issue 13, the tester on a remote
# HA's home link: `pmip4ct ha --tun` runs as its own process in the namespace dutha of the
# testbed layout ha-remote (tools/testbed), and the tester, in the namespace tester, plays
# the PMAs (signalling, and the tunnel ends on raw IPv4 sockets) and the correspondent node
# on the home link (PIXIT home.if, AF_PACKET).
#   1. the data-plane cases of ha-core (the ones that are none without a home link): no
#      none for a missing link, 0 fail, every one judged;
#   2. under the HA faults that break the data plane (--fault no-outer-src-check, RFC 3024
#      §4.3.2; gre-ignore-key and gre-key-swap, RFC 6245 §5; no-reverse-tunnel and
#      always-gre, RFC 5563 §4.2; no-dereg; no-relay, RFC 5563 §4.2.3; fwd-drop, RFC 5944
#      §4.2.3 and RFC 3024 §4.3.2, whose exact count the HA prints on exit) in the HA
#      process, the cases of those checks fail;
#   3. the shell (`dut ha`, PIXIT home.if, `start cn`, `data down`/`data up`) through it.
# With REMOTE_HA_FULL=1 the first run is the whole of ha-core (about 2 minutes).  Prints
# the wall time of every run.  Root only (namespaces, raw sockets): exits 77 otherwise.
set -uo pipefail
pmip4ct=$(readlink -f "${1:?usage: remote_ha_dataplane.sh PMIP4CT TESTBED SOURCE_ROOT}")
testbed=$(readlink -f "${2:?testbed}")
root=$(readlink -f "${3:?source root}")
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: needs root (network namespaces, AF_PACKET and raw IPv4 sockets)"
	exit 77
fi
command -v jq >/dev/null || { echo "SKIP: jq not installed"; exit 77; }

# a prefix of this run's own: two runs on one host do not collide
export TESTBED_PREFIX=rh$(($$ % 100000))
tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	"$testbed" ha-remote down >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
die() {
	echo "FAIL: $*"
	for f in "$tmp"/*.log; do echo "---- $(basename "$f")"; tail -n 20 "$f"; done
	exit 1
}

FA=spi=256,key=hex:000102030405060708090a0b0c0d0e0f,kind=fa-ha
MN=spi=257,key=hex:101112131415161718191a1b1c1d1e1f,kind=mn-ha
DATA_CASES=('HA-TUN-*' 'HA-GRE-0[4-6]' 'HA-DEREG-0[23]' 'HA-LIFE-0[34]' HA-REV-16 HA-REV-20)

"$testbed" ha-remote up >/dev/null || die "testbed"
in_ns() { local n=$1; shift; ip netns exec "$TESTBED_PREFIX-$n" "$@"; }

# start_ha LOG ARGS...: the HA under test, with its TUN device up and routed
start_ha() {
	local log=$1
	shift
	(exec ip netns exec "$TESTBED_PREFIX-dutha" "$pmip4ct" ha --listen 10.251.1.2 \
		--sa "$FA" --sa "$MN" --pool 10.10.0.0/24 --max-lifetime 1800 \
		--disallow 10.251.1.6 --tun pcttun0 --log info "$@" 2>"$tmp/$log") &
	pids+=($!)
	for _ in $(seq 50); do
		grep -q "listening on" "$tmp/$log" 2>/dev/null && break
		sleep 0.1
	done
	grep -q "listening on" "$tmp/$log" || die "the HA did not start"
	in_ns dutha ip link set pcttun0 up && in_ns dutha ip route add 10.10.0.0/24 dev pcttun0 ||
		die "pcttun0"
}
stop_ha() {
	kill "${pids[-1]}"
	wait "${pids[-1]}" 2>/dev/null
	unset 'pids[-1]'
}

cat >"$tmp/dut.pixit" <<PIXIT
# PIXIT for \`pmip4ct ha --tun\` on the testbed layout ha-remote (pmip4ct-cases(7))
pixit ha 10.251.1.2:434
pixit pma1 10.251.1.1
pixit pma2 10.251.1.3
pixit ha.pma-denied 10.251.1.6
pixit ha.pmip-off 10.251.1.7:434
pixit sa $FA
pixit mn-sa $MN
pixit ha.pool 10.10.0.0/24
pixit ha.max-lifetime 1800
pixit reply-ms 1s
pixit silence-ms 300ms
pixit time-scale 0.05
pixit home.if home0
pixit home.gw 10.251.3.1
pixit ha.cn 10.251.3.2
PIXIT

# run NAME ARGS...: ha-core from the tester's namespace, JSON in $tmp/NAME.json
run() {
	local name=$1 t0 ms
	shift
	t0=$(date +%s%N)
	in_ns tester "$pmip4ct" run "$root/testsuites/ha-core.suite" --dut-ha 10.251.1.2:434 \
		--pixit "$tmp/dut.pixit" --json "$tmp/$name.json" "$@" >"$tmp/$name.out" 2>&1
	rc=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
	echo "wall time: $name: $ms ms ($(tail -n 2 "$tmp/$name.out" | head -n 1))"
}

case_args=()
if [ "${REMOTE_HA_FULL:-0}" = 0 ]; then
	for c in "${DATA_CASES[@]}"; do case_args+=(--case "$c"); done
fi

# 1. a clean HA
(exec ip netns exec "$TESTBED_PREFIX-dutha" "$pmip4ct" ha --listen 10.251.1.7 --sa "$FA" \
	--pmip off --log warn 2>"$tmp/ha-pmip-off.log") &
pids+=($!)
start_ha ha.log
run clean "${case_args[@]}"
cat "$tmp/clean.out"
nolink=$(jq '[.cases[] | select(.verdict == "none" and (.reason | test("link")))] | length' \
	"$tmp/clean.json")
nfail=$(jq '[.cases[] | select(.verdict == "fail" or .verdict == "error"
	or .verdict == "inconc")] | length' "$tmp/clean.json")
ndata=$(jq '[.cases[] | select(.verdict == "pass")
	| select(.id | test("^HA-(TUN|GRE-0[4-6]|DEREG-0[23]|LIFE-0[34]|REV-(16|20))"))] | length' \
	"$tmp/clean.json")
if [ "$rc" != 0 ] || [ "$nolink" != 0 ] || [ "$nfail" != 0 ] || [ "$ndata" -lt 14 ]; then
	echo "FAIL: clean run: exit $rc, $nolink none for a missing link, $nfail not judged or" \
		"failed, $ndata of 14 data-plane cases passed"
	fail=1
else
	echo "ok: clean run: $ndata data-plane cases pass against pmip4ct ha --tun"
fi
# the figures of issue 13 "Performance": per case, probes, loss, first-packet latency
nfig=$(jq '[.cases[] | select(.data.probes > 0 and .data.lost == 0
	and (.data.first_after | length) > 0)] | length' "$tmp/clean.json")
jq -r '.cases[] | select(.data) | "  \(.id): \(.data.probes) probes, \(.data.lost) lost, "
	+ "latency mean \(.data.latency_us_mean) us, max \(.data.latency_us_max) us, first after "
	+ (.data.first_after | map("\(.event) \(.us) us") | join(", "))' "$tmp/clean.json"
if [ "$nfig" -lt 10 ]; then
	echo "FAIL: only $nfig data-plane cases report probes, no loss and a first-packet latency"
	fail=1
fi

# 2. faults of the data plane: the cases that check them fail
# fault_run FAULT CASE...: each CASE fails under FAULT
fault_run() {
	local fault=$1 c v
	shift
	stop_ha
	start_ha "ha-$fault.log" --fault "$fault"
	run "$fault" "${@/#/--case=}"
	for c in "$@"; do
		v=$(jq -r --arg c "$c" '.cases[] | select(.id == $c) | .verdict' "$tmp/$fault.json")
		if [ "$v" != fail ]; then
			cat "$tmp/$fault.out"
			echo "FAIL: --fault $fault: $c gave '$v', not fail"
			fail=1
		else
			echo "ok: --fault $fault: $c fails"
		fi
	done
}
fault_run no-outer-src-check HA-TUN-03
fault_run gre-ignore-key HA-GRE-06
fault_run no-reverse-tunnel HA-TUN-01 HA-TUN-04 HA-GRE-05
fault_run always-gre HA-TUN-02
fault_run gre-key-swap HA-GRE-04 HA-GRE-05
fault_run no-dereg HA-DEREG-02 HA-REV-16
fault_run no-relay HA-TUN-05
# fwd-drop loses the first of every 50 data packets each way: the one probe of HA-TUN-01
# (up) and of HA-TUN-02 (down) are lost, and the HA's exit summary says so exactly
fault_run fwd-drop HA-TUN-01 HA-TUN-02
stop_ha
if ! grep -q '^pmip4ct ha: fault fwd-drop dropped 1 up, 1 down$' "$tmp/ha-fwd-drop.log"; then
	tail -n 5 "$tmp/ha-fwd-drop.log"
	echo "FAIL: --fault fwd-drop: no exact count of the packets it dropped on exit"
	fail=1
else
	echo "ok: --fault fwd-drop: the HA counts the packets it dropped (1 up, 1 down)"
fi
start_ha ha-after-fwd-drop.log

# 3. the shell: `dut ha` with PIXIT home.if, a registration, then `data` both ways
stop_ha
start_ha ha-shell.log
{
	cat "$tmp/dut.pixit"
	cat <<'PCT'
dut ha 10.251.1.2
start cn
send rrq nai "shell@example.net" flags T ext pmip.acctech 3 ext pmip.pernode fa-ha auth fa-ha
expect rrp code 0
data down $rx_hoa
data up $rx_hoa
PCT
} >"$tmp/shell.pct"
in_ns tester "$pmip4ct" "$tmp/shell.pct" >"$tmp/shell.out" 2>&1
rc=$?
if [ $rc != 0 ] || ! grep -q 'came out tunnelled 10.251.1.2 -> 10.251.1.1' "$tmp/shell.out" ||
	! grep -q 'came out on the home link' "$tmp/shell.out"; then
	cat "$tmp/shell.out"
	echo "FAIL: the shell's data through the remote HA (exit $rc)"
	fail=1
else
	echo "ok: shell: data down and up through the remote HA"
fi
exit $fail
