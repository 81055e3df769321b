#!/usr/bin/env bash
# gen_ha.sh PMIP4CT TESTBED SOURCE_ROOT — issue #16: the traffic generator against
# `pmip4ct ha --tun` running as its own process, on the layout `tools/testbed ha-remote`
# (the generator in the namespace tester plays the PMAs 10.251.1.1 and .3 and the
# correspondent node on the home link; the HA in dutha, its TUN device routed).
#   1. testsuites/gen/ha-10k.gen: 10,000 devices, 2 PMAs, handovers, revocations and data
#      both ways: every device registers, nothing is lost outside handovers, the
#      handover gaps are reported, the JSON summary and the CSV time series are valid;
#   2. testsuites/gen/ha-small.gen as one run and as 4 shards merged with
#      `pmip4ct report merge`: the same totals, and each merged histogram holds exactly
#      the buckets of its shards added;
#   3. against the HA with --fault fwd-drop (one tunnelled packet in 50 dropped each
#      way): the generator's loss equals, packet for packet, what the HA says it dropped.
# Prints the wall time of every run.  Root only (namespaces, raw and AF_PACKET sockets):
# exits 77 otherwise.
set -uo pipefail
pmip4ct=$(readlink -f "${1:?usage: gen_ha.sh PMIP4CT TESTBED SOURCE_ROOT}")
testbed=$(readlink -f "${2:?testbed}")
root=$(readlink -f "${3:?source root}")
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: needs root (network namespaces, AF_PACKET and raw IPv4 sockets)"
	exit 77
fi
command -v jq >/dev/null || { echo "SKIP: jq not installed"; exit 77; }

export TESTBED_PREFIX=gh$(($$ % 100000))
tmp=$(mktemp -d)
ha_pid=
stop_ha() {
	[ -z "$ha_pid" ] || { kill "$ha_pid" 2>/dev/null; wait "$ha_pid" 2>/dev/null; }
	ha_pid=
}
cleanup() {
	stop_ha
	"$testbed" ha-remote down >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
in_ns() { local n=$1; shift; ip netns exec "$TESTBED_PREFIX-$n" "$@"; }

FA=spi=256,key=hex:000102030405060708090a0b0c0d0e0f,kind=fa-ha
"$testbed" ha-remote up >/dev/null || { echo "FAIL: testbed"; exit 1; }

start_ha() { # start_ha LOG [OPTIONS...]: the HA under test, its TUN device up and routed
	local log=$1
	shift
	(exec ip netns exec "$TESTBED_PREFIX-dutha" "$pmip4ct" ha --listen 10.251.1.2 \
		--sa "$FA" --pool 10.10.0.0/16 --max-lifetime 1800 --tun pcttun0 --log warn \
		"$@" 2>"$log") &
	ha_pid=$!
	for _ in $(seq 50); do grep -q "listening on" "$log" 2>/dev/null && break; sleep 0.1; done
	grep -q "listening on" "$log" || { bad "the HA did not start: $(cat "$log")"; exit 1; }
	in_ns dutha ip link set pcttun0 up &&
		in_ns dutha ip route add 10.10.0.0/16 dev pcttun0 || { bad "pcttun0"; exit 1; }
}

cat >"$tmp/p.pixit" <<PIXIT
pixit sa $FA
pixit home.if home0
pixit home.gw 10.251.3.1
pixit ha.cn 10.251.3.2
PIXIT

gen() { # gen NAME PROFILE [OPTIONS...]: $tmp/NAME.json, .csv, .out; sets rc
	local name=$1 prof=$2 t0
	shift 2
	t0=$(date +%s%N)
	in_ns tester "$pmip4ct" gen "$prof" --dut-ha 10.251.1.2 --pixit "$tmp/p.pixit" \
		--json "$tmp/$name.json" --series "$tmp/$name.csv" "$@" >"$tmp/$name.out" 2>&1
	rc=$?
	echo "wall time: $name: $((($(date +%s%N) - t0) / 1000000)) ms (exit $rc)"
}
j() { jq -r "$1" "$2"; }
expect() { # expect JSON FILTER OP VALUE
	local got
	got=$(j "$2" "$1")
	[ -n "$got" ] && [ "$got" != null ] && [ "$got" "$3" "$4" ] ||
		bad "$(basename "$1"): $2 = $got, expected $3 $4"
}

# 1. ha-10k
start_ha "$tmp/ha10k.log"
gen ha10k "$root/testsuites/gen/ha-10k.gen"
f=$tmp/ha10k.json
[ "$rc" = 0 ] || bad "ha-10k: exit $rc"
jq -e . "$f" >/dev/null || bad "ha-10k: the JSON summary does not parse"
expect "$f" .devices -eq 10000
expect "$f" .registered -eq 10000
expect "$f" .lost -eq 0
expect "$f" .finished = true
expect "$f" .packets_sent -ge 390000
expect "$f" '.packets_received + .lost_in_handover' -eq "$(j .packets_sent "$f")"
expect "$f" .counters.handovers -ge 1500
expect "$f" .counters.handovers_done -eq "$(j .counters.handovers "$f")"
expect "$f" .counters.revokes_acked -eq "$(j .counters.revokes_sent "$f")"
expect "$f" .counters.deregistered -eq 10000
for q in p50 p99 max; do
	expect "$f" "(.handover_gap_ms.$q > 0)" = true
	expect "$f" "(.latency_us.$q > 0)" = true
done
expect "$f" .histograms.ho_gap.n -eq "$(j .counters.handovers_done "$f")"
# the series: a header, one numeric row a second, the sent packets adding up
csv=$tmp/ha10k.csv
for c in t devices_up regs sent_up received_up lost_up sent_down received_down lost_down \
	handovers p99_us_up p99_us_down; do
	head -n 1 "$csv" | tr , '\n' | grep -qx "$c" || bad "series: no column $c"
done
rows=$(($(wc -l <"$csv") - 1))
[ "$rows" -ge 28 ] || bad "series: $rows rows for a 30 s run"
awk -F, 'NR > 1 { for (i = 1; i <= 10; i++) if ($i !~ /^[0-9.]+$/) { print "row " NR ": " $0; exit 1 } }' \
	"$csv" || bad "series: a field that is not a number"
sent=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ s += $c["sent_up"] + $c["sent_down"] } END { print s }' "$csv")
[ "$sent" -le "$(j .packets_sent "$f")" ] && [ "$sent" -ge $(($(j .packets_sent "$f") * 9 / 10)) ] ||
	bad "series: $sent packets sent in its rows, the summary says $(j .packets_sent "$f")"
if [ "$fail" = 0 ]; then
	echo "ok: ha-10k: 10000 registered, $(j .packets_sent "$f") packets, 0 lost," \
		"$(j .lost_in_handover "$f") lost in $(j .counters.handovers "$f") handovers," \
		"gap p50 $(j .handover_gap_ms.p50 "$f") ms p99 $(j .handover_gap_ms.p99 "$f") ms," \
		"one-way p99 $(j .latency_us.p99 "$f") us"
else
	tail -n 40 "$tmp/ha10k.out"
	tail -n 5 "$tmp/ha10k.log"
fi

# 2. one run, then 4 shards merged
small=$root/testsuites/gen/ha-small.gen
gen one "$small"
[ "$rc" = 0 ] || bad "ha-small: exit $rc: $(tail -n 5 "$tmp/one.out")"
mkdir -p "$tmp/shards"
# shard 2 plays its first PMA at an address of its own (--pma): not in the profile hash
pma_args() { [ "$1" = 2 ] && echo "--pma 10.251.1.6 --pma 10.251.1.3"; }
for i in 1 2 3 4; do
	# shellcheck disable=SC2046
	gen "shard$i" "$small" --shard "$i/4" $(pma_args "$i")
	[ "$rc" = 0 ] || bad "shard $i/4: exit $rc: $(tail -n 5 "$tmp/shard$i.out")"
	cp "$tmp/shard$i.json" "$tmp/shards/"
done
"$pmip4ct" report merge "$tmp/shards" --json "$tmp/merged.json" >"$tmp/merge.out" 2>&1 ||
	bad "report merge: $(cat "$tmp/merge.out")"
one=$tmp/one.json m=$tmp/merged.json
# what does not depend on timing: devices, registrations, handovers, deregistrations,
# packets planned (sent + held), loss
for k in .devices .registered .counters.handovers .counters.deregistered .lost \
	'.counters.sent.up + .counters.held.up' '.counters.sent.down + .counters.held.down' \
	.histograms.reg.n; do
	[ "$(j "$k" "$one")" = "$(j "$k" "$m")" ] ||
		bad "merge: $k: one run $(j "$k" "$one"), 4 shards merged $(j "$k" "$m")"
done
expect "$m" .shard.total -eq 4
# every merged histogram: its buckets are the shards' buckets added, exactly
for h in reg lat_up lat_down ho_gap; do
	want=$(jq -s -c --arg h "$h" '[.[].histograms[$h].buckets[]] | group_by(.[0])
		| map([.[0][0], (map(.[1]) | add)])' "$tmp"/shard[1-4].json)
	got=$(jq -c --arg h "$h" '.histograms[$h].buckets' "$m")
	[ "$want" = "$got" ] || bad "merge: histogram $h is not the sum of its shards"
done
# --pma is used: an address not on this host cannot be played
gen nopma "$small" --pma 10.251.1.9 --pma 10.251.1.3
[ "$rc" = 2 ] && grep -q '10.251.1.9' "$tmp/nopma.out" ||
	bad "--pma 10.251.1.9 (not ours): exit $rc: $(tail -n 2 "$tmp/nopma.out")"
gen twopma "$small" --pma 10.251.1.1
[ "$rc" = 2 ] && grep -q 'PMAs: one address for each' "$tmp/twopma.out" ||
	bad "--pma once for 2 PMAs: exit $rc: $(tail -n 2 "$tmp/twopma.out")"
[ "$fail" = 0 ] && echo "ok: 4 shards merged: the totals of one run," \
	"$(j .registered "$m") registered, $(j .histograms.lat_up.n "$m") + $(j .histograms.lat_down.n "$m") latencies"
stop_ha

# 3. an HA that drops one tunnelled packet in 50 each way: counted exactly
if "$pmip4ct" ha --fault list 2>&1 | grep -q '^ *fwd-drop'; then
	cat >"$tmp/drop.gen" <<'PROF'
# ha-small without handovers or revocations: every loss is the HA's
devices 200
pma 10.251.1.1
pma 10.251.1.3
ha 10.251.1.2
cn 10.251.3.2
home-if home0
register rate 1000
flow data both rate 10 size 128 start 1s stop 4s
duration 5s
PROF
	start_ha "$tmp/drop.log" --fault fwd-drop
	gen drop "$tmp/drop.gen"
	stop_ha
	f=$tmp/drop.json
	line=$(grep 'fault fwd-drop dropped' "$tmp/drop.log" | tail -n 1)
	up=$(sed -n 's/.*dropped \([0-9]*\) up.*/\1/p' <<<"$line")
	down=$(sed -n 's/.* \([0-9]*\) down.*/\1/p' <<<"$line")
	[ "$rc" = 1 ] || bad "fwd-drop: exit $rc, expected 1 (data lost)"
	if [ -z "$up" ] || [ -z "$down" ]; then
		bad "fwd-drop: no count in the HA's log: $line"
	else
		expect "$f" .counters.lost.up -eq "$up"
		expect "$f" .counters.lost.down -eq "$down"
		expect "$f" .lost -gt 0
		[ "$fail" = 0 ] && echo "ok: --fault fwd-drop: the HA dropped $up up, $down down;" \
			"the generator counted $(j .counters.lost.up "$f") up, $(j .counters.lost.down "$f") down"
	fi
else
	bad "the HA has no fault fwd-drop"
fi
exit "$fail"
