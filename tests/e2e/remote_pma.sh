#!/usr/bin/env bash
# remote_pma.sh PMIP4CT TESTBED SOURCE_ROOT — issue 13: pma-core against `pmip4ct pma` run
# as its own process, with the tester on its access link (PIXIT access.if: the mobile
# devices' DHCP, ARP and ping over AF_PACKET) and as its HA on its network link (UDP
# signalling, the tunnel on raw IPv4 sockets).  The testbed layout pma-remote; only the
# access interface and the HA's address are shared.
#   1. a clean PMA: every case judged (no none for a missing link), none fails;
#   2. PMA faults that break the access link or the tunnel: their cases fail;
#   3. a PMA killed in the middle: "the DUT stopped answering at case X", exit 3.
# Root only (namespaces, AF_PACKET, raw sockets); exits 77 otherwise.
set -uo pipefail
pmip4ct=$(readlink -f "${1:?usage: remote_pma.sh PMIP4CT TESTBED SOURCE_ROOT}")
testbed=$(readlink -f "${2:?}")
root=$(readlink -f "${3:?}")
[ "$(id -u)" -eq 0 ] || { echo "SKIP: remote_pma needs root (network namespaces, AF_PACKET)"; exit 77; }
command -v jq >/dev/null || { echo "SKIP: jq not installed"; exit 77; }
export TESTBED_PREFIX=${TESTBED_PREFIX:-rp$$}

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

# The PMA under test: what the PIXIT below tells the tester about it.  A short lifetime
# and four tries keep the renewal and retransmission cases short (RFC 5944 §3.6.3 keeps
# the first retransmission at 1 s).
cat >"$tmp/pma.conf" <<CONF
address 10.252.1.1
ha 10.252.1.2
sa spi=256,key=hex:000102030405060708090a0b0c0d0e0f,kind=fa-ha
access acc; gateway 10.10.0.1; netmask /24
nai-pattern %02x%02x%02x%02x%02x%02x@example.net
device 02:00:00:00:01:01,020000000101@example.net,001010123456789
lifetime 16
max-tries 4
gre on; revocation on; revocation-inform on; revoke-on-detach on
acctech 3; ifid on; subid on; devid on
log debug
CONF
cat >"$tmp/dut.pixit" <<CONF
pics pmip yes                 # what this PMA claims: a remote DUT claims only what is said
pics pma.icmp yes
pics pma.dereg-on-detach yes
pixit access.if mnacc
pixit ha 10.252.1.2
pixit pma.ha-alt 10.252.1.6
pixit pma.ifid acc
pixit pma.lifetime 16
pixit pma.max-tries 4
pixit reply-ms 1500ms
pixit silence-ms 600ms
pixit time-scale 0.1
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
run() { # run JSON ARGS...: pma-core from the tester's namespace
	local json=$1
	shift
	ip netns exec "$TESTBED_PREFIX-tester" "$pmip4ct" run "$root/testsuites/pma-core.suite" \
		--dut-pma 10.252.1.1 --pixit "$tmp/dut.pixit" --json "$json" "$@"
}
secs() { echo "$(($(date +%s%N) / 1000000))"; }

# 1. a clean PMA
start_pma "$tmp/pma.log"
t0=$(secs)
run "$tmp/clean.json" >"$tmp/clean.out" 2>&1
rc=$?
echo "clean run: exit $rc, $((($(secs) - t0)))ms wall"
tail -n 2 "$tmp/clean.out"
nolink=$(jq '[.cases[] | select(.verdict == "none") | select(.reason |
	test("the tester has no|cannot make a device"))] | length' "$tmp/clean.json")
nfail=$(jq '[.cases[] | select(.verdict == "fail" or .verdict == "error" or
	.verdict == "inconc")] | length' "$tmp/clean.json")
total=$(jq '.cases | length' "$tmp/clean.json")
[ "$total" -gt 60 ] || bad "only $total cases in the clean run"
[ "$nolink" = 0 ] || bad "$nolink cases none for a missing link"
if [ "$rc" != 0 ] || [ "$nfail" != 0 ]; then
	bad "the clean run: exit $rc, $nfail cases fail, inconc or error"
	jq -r '.cases[] | select(.verdict != "pass") | [.id, .verdict, .reason] | @tsv' \
		"$tmp/clean.json"
	tail -n 40 "$tmp/pma.log"
else
	echo "ok: pma-core against pmip4ct pma: $total cases, $(jq -r \
		'.summary | "\(.pass) pass, \(.warn) warn, \(.none) none"' "$tmp/clean.json")"
fi
stop_pma

# 2. faults of the access link and the tunnel, each caught by its case
for fc in offer-wrong-address:PMA-LINK-02 no-arp-reply:PMA-LINK-04 \
	no-echo-reply:PMA-LINK-06 tunnel-wrong-source:PMA-TUN-01 drop-downlink:PMA-TUN-05; do
	f=${fc%%:*} c=${fc#*:}
	start_pma "$tmp/pma-$f.log" --fault "$f"
	t0=$(secs)
	run "$tmp/$f.json" --case "$c" >"$tmp/$f.out" 2>&1
	rc=$?
	v=$(jq -r '.cases[0].verdict' "$tmp/$f.json")
	if [ "$rc" = 1 ] && [ "$v" = fail ]; then
		echo "ok: --fault $f: $c fail ($((($(secs) - t0)))ms): $(jq -r '.cases[0].reason' \
			"$tmp/$f.json")"
	elif [ "$v" = fail ] || [ "$v" = warn ]; then
		echo "ok: --fault $f: $c $v ($((($(secs) - t0)))ms)"
	else
		bad "--fault $f: $c is $v (exit $rc)"
		cat "$tmp/$f.out"
	fi
	stop_pma
done

# 3. a PMA killed in the middle of a run: the positive control after the first case that
# saw silence finds it dead
start_pma "$tmp/pma-killed.log"
t0=$(secs)
run "$tmp/killed.json" --case 'PMA-LINK-0[1-6]' >"$tmp/killed.out" 2>&1 &
runner=$!
for _ in $(seq 100); do
	[ "$(jq '.cases | length' "$tmp/killed.json" 2>/dev/null)" = 1 ] && break
	sleep 0.05
done
stop_pma
wait "$runner"
rc=$?
at=$(jq -r '.summary.dut_stopped_at // ""' "$tmp/killed.json")
after=$(jq --arg at "$at" '[.cases[] | select(.id > $at) |
	select(.verdict == "pass" or .verdict == "fail")] | length' "$tmp/killed.json")
if [ "$rc" = 3 ] && [ -n "$at" ] && [ "$after" = 0 ] &&
	grep -q "stopped answering at case $at" "$tmp/killed.out"; then
	echo "ok: a PMA killed in the middle: exit 3, stopped answering at case $at" \
		"($((($(secs) - t0)))ms)"
else
	bad "a PMA killed in the middle: exit $rc, stopped at '$at', $after judged after"
	cat "$tmp/killed.out"
fi

# 4. the shell: `dut pma` with PIXIT access.if, `start mn` on the access link, and the
# PMA's request to the tester's HA
start_pma "$tmp/pma-shell.log"
{
	grep '^pixit' "$tmp/dut.pixit"
	printf 'dut pma 10.252.1.1\nstart mn\nexpect rrq at ha within 5s\n'
} >"$tmp/shell.pct"
ip netns exec "$TESTBED_PREFIX-tester" "$pmip4ct" "$tmp/shell.pct" >"$tmp/shell.out" 2>&1
rc=$?
if [ "$rc" = 0 ] && grep -q 'access link mnacc' "$tmp/shell.out" &&
	grep -q '^mn: 02:00:00:00:01:01 attached' "$tmp/shell.out" &&
	grep -q '^received RRQ 10.252.1.1:434 -> 10.252.1.2:434' "$tmp/shell.out"; then
	echo "ok: shell: start mn on a remote PMA's access link, its request received"
else
	bad "the shell against the remote PMA (exit $rc)"
	cat "$tmp/shell.out"
fi
stop_pma
exit $fail
