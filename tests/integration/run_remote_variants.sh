#!/usr/bin/env bash
# run_remote_variants.sh — issue 12's acceptance for the variants (DESIGN.md §4): against
# `pmip4ct ha --variant NAME` run as its own process, for every variant of
# `pmip4ct ha --variant list`, ha-core and ha-robustness give no fail (exit 0: every case
# pass, warn or none).  A variant is a behaviour the RFCs allow, so a case that fails under
# one blames a correct device.  Needs root (remote_ha_lib.sh): skips (77) without it.
set -uo pipefail
pmip4ct=${1:?usage: run_remote_variants.sh PMIP4CT SOURCE_ROOT}
root=${2:?usage: run_remote_variants.sh PMIP4CT SOURCE_ROOT}
. "$(dirname "$0")/remote_ha_lib.sh"

start_ha2
start_ha "$tmp/ha.log"
fail=0
for v in $("$pmip4ct" ha --variant list | cut -d' ' -f1); do
	restart_ha "$tmp/ha-$v.log" --variant "$v"
	sleep 0.3
	"$pmip4ct" run "$root/testsuites/ha-core.suite" "$root/testsuites/ha-robustness.suite" \
		--dut-ha "127.0.0.2:$port" --pixit "$tmp/dut.pixit" -q \
		--json "$tmp/$v.json" >"$tmp/$v.out" 2>&1
	rc=$?
	if [ $rc != 0 ]; then
		echo "FAIL: variant $v: exit $rc"
		jq -r '.cases[] | select(.verdict == "fail" or .verdict == "inconc" or
			.verdict == "error") | "  \(.id) \(.verdict): \(.reason)"' "$tmp/$v.json" \
			2>/dev/null || cat "$tmp/$v.out"
		fail=1
	else
		echo "ok: variant $v: $(tail -2 "$tmp/$v.out" | head -1)"
	fi
done
exit $fail
