#!/usr/bin/env bash
# golden_captures.sh — regression against captures/ (made by tools/golden): every suite
# run again against the references must give the same verdicts and, byte for byte, the
# same pcap per case; and decoding every golden pcap ends well.
set -uo pipefail
pmip4ct=${1:?usage: golden_captures.sh PMIP4CT SOURCE_ROOT}
root=${2:?usage: golden_captures.sh PMIP4CT SOURCE_ROOT}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
"$pmip4ct" run -q "$root"/testsuites/{ha-core,ha-robustness,pma-core,pma-robustness}.suite \
	--pcap-dir "$tmp" --json "$tmp/verdicts.json" >/dev/null
n=0
for g in "$root"/captures/*.pcap; do
	f=$tmp/$(basename "$g")
	n=$((n + 1))
	if [ ! -f "$f" ]; then
		echo "FAIL: $(basename "$g"): the case made no capture now"
		fail=1
	elif ! cmp -s "$g" "$f"; then
		echo "FAIL: $(basename "$g") differs from the golden capture (tools/golden remakes it)"
		fail=1
	else
		# robustness captures hold malformed messages: decode reports them (exit 1)
		# and must never do worse
		"$pmip4ct" decode "$g" >/dev/null 2>"$tmp/err"
		rc=$?
		if [ $rc -gt 1 ]; then
			echo "FAIL: decoding $(basename "$g") exits $rc: $(cat "$tmp/err")"
			fail=1
		fi
	fi
done
for f in "$tmp"/*.pcap; do
	[ -f "$root/captures/$(basename "$f")" ] ||
		{ echo "FAIL: $(basename "$f") is new: run tools/golden"; fail=1; }
done
# an SA without kind= verifies whichever authenticator carries its SPI (DESIGN.md §8)
out=$("$pmip4ct" decode "$root/captures/HA-REG-01.pcap" \
	--sa spi=256,key=hex:000102030405060708090a0b0c0d0e0f)
if ! grep -q 'auth fa-ha spi 256: valid' <<<"$out" || ! grep -q ' 0 invalid' <<<"$out"; then
	echo "FAIL: decode with an SA without kind= verified nothing: $out"
	fail=1
fi
# verdicts, ignoring the wall-clock figures
# verdicts and reasons, in order, case by case (the rest of the report is run metadata)
strip() { jq -c "[.cases[] | {id, verdict, reason}], (.summary | del(.wall_ms))" "$1"; }
if ! diff <(strip "$root/captures/verdicts.json") <(strip "$tmp/verdicts.json") >/dev/null; then
	echo "FAIL: the verdicts differ from captures/verdicts.json"
	fail=1
fi
[ $n -gt 0 ] || { echo "FAIL: no golden captures in $root/captures"; fail=1; }
echo "$n golden captures compared"
exit $fail
