#!/usr/bin/env bash
# run_remote_variants.sh — issue 12's acceptance for the variants (DESIGN.md §4): against
# `pmip4ct ha --variant NAME` run as its own process, for every variant of
# `pmip4ct ha --variant list`, ha-core and ha-robustness give no fail (exit 0: every case
# pass, warn or none).  A variant is a behaviour the RFCs allow, so a case that fails under
# one blames a correct device.  The variants run LANES at a time (default 4), each on
# addresses of its own (remote_ha_lib.sh lanes).  Needs root: skips (77) without it.
# Under the sanitizers it skips too: the same code runs there in run_remote_ha, and this
# is the longest wall-clock test (a real-time DUT, most of it waiting).
set -uo pipefail
pmip4ct=${1:?usage: run_remote_variants.sh PMIP4CT SOURCE_ROOT}
root=${2:?usage: run_remote_variants.sh PMIP4CT SOURCE_ROOT}
if [ -n "${ASAN_OPTIONS:-}${UBSAN_OPTIONS:-}" ]; then
	echo "SKIP: run without the sanitizers only (run_remote_ha covers this code under them)"
	exit 77
fi
. "$(dirname "$0")/remote_ha_lib.sh"

lanes=${LANES:-4}
# What a lab declares in the PIXIT for a device built as variant V: the same rows as
# src/cases/run/variant_params.c that a remote DUT needs (unset MAY PICS items already
# mean "not claimed" for a remote DUT).
declares() {
	case $1 in
	window-60) echo "pixit ha.ident-window-ms 60s" ;;
	esac
}

one() { # LANE VARIANT: one remote run; its result in $tmp/VARIANT.rc and .out
	local lane=$1 v=$2 ha
	write_pixit "$tmp/$v.pixit"
	declares "$v" >>"$tmp/$v.pixit"
	"$pmip4ct" ha --listen "127.0.$lane.2:$port" --sa "$fa" --sa "$mn" --pool 10.10.0.0/24 \
		--max-lifetime 1800 --disallow "127.0.$lane.6" --log warn --variant "$v" \
		2>"$tmp/ha-$v.log" &
	ha=$!
	sleep 0.3
	"$pmip4ct" run "$root/testsuites/ha-core.suite" "$root/testsuites/ha-robustness.suite" \
		--dut-ha "127.0.$lane.2:$port" --pixit "$tmp/$v.pixit" -q \
		--json "$tmp/$v.json" >"$tmp/$v.out" 2>&1
	echo $? >"$tmp/$v.rc"
	kill "$ha"
	wait "$ha" 2>/dev/null
}

start_ha2
variants=$("$pmip4ct" ha --variant list | cut -d' ' -f1)
i=0
for v in $variants; do
	lane=$((i % lanes + 1)) one "$((i % lanes + 1))" "$v" &
	pids+=($!)
	i=$((i + 1))
	if [ $((i % lanes)) = 0 ]; then wait "${pids[@]:1}" 2>/dev/null; pids=("${pids[0]}"); fi
done
wait "${pids[@]:1}" 2>/dev/null

fail=0
for v in $variants; do
	rc=$(cat "$tmp/$v.rc" 2>/dev/null || echo none)
	if [ "$rc" != 0 ]; then
		echo "FAIL: variant $v: exit $rc"
		jq -r '.cases[] | select(.verdict == "fail" or .verdict == "inconc" or
			.verdict == "error") | "  \(.id) \(.verdict): \(.reason)"' "$tmp/$v.json" \
			2>/dev/null || cat "$tmp/$v.out"
		fail=1
	else
		echo "ok: variant $v: $(grep -m1 ' cases: ' "$tmp/$v.out")"
	fi
done
exit $fail
