#!/usr/bin/env bash
# tshark_oracle.sh PMIP4CT CASES — craft each case with `pmip4ct craft`, decode the pcap
# with tshark (the oracle of PROTOCOL.md §9), and compare field by field with the values
# the case file states.  Every case also round-trips through `pmip4ct decode`.
set -uo pipefail
pmip4ct=$1 cases=$2
command -v tshark >/dev/null || { echo "SKIP: tshark not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rc=0 ncase=0 nfield=0 expr="" lineno=0 want=()

check_case() {
	[ -n "$expr" ] || return 0
	ncase=$((ncase + 1))
	local pcap="$tmp/case$ncase.pcap" fields=() f v got i
	if ! "$pmip4ct" craft -w "$pcap" --time 1700000000 "$expr" >"$tmp/craft.out" 2>&1; then
		echo "FAIL $cases:$caseline: craft failed: $(cat "$tmp/craft.out")"
		rc=1
		return
	fi
	if ! "$pmip4ct" decode "$pcap" >"$tmp/decode.out" 2>&1; then
		echo "FAIL $cases:$caseline: pmip4ct decode: $(grep -m1 MALFORMED "$tmp/decode.out")"
		rc=1
	fi
	# one tshark run per case: every wanted field, '|'-separated (no collapsing), in order
	local args=() vals=()
	for w in "${want[@]}"; do
		f=${w%%=*}
		[ "$f" = payload ] && f=udp.payload
		args+=(-e "$f")
	done
	IFS='|' read -r -a vals < <(tshark -r "$pcap" -T fields -E 'separator=|' \
		-E occurrence=a -E aggregator=, "${args[@]}" 2>/dev/null)
	for i in "${!want[@]}"; do
		w=${want[$i]} f=${w%%=*} v=${w#*=} got=${vals[$i]:-}
		[ "$f" = payload ] && got=${got//:/}
		nfield=$((nfield + 1))
		if [ "$got" != "$v" ]; then
			echo "FAIL $cases:$caseline: $f: expected '$v', got '$got'"
			echo "     craft $expr"
			rc=1
		fi
	done
}

while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	case "$line" in
	craft\ *)
		check_case
		expr=${line#craft } want=() caseline=$lineno ;;
	want\ *)
		# FIELD=VALUE pairs; a value runs to the next " FIELD=" (values may hold spaces)
		rest=${line#want }
		while [ -n "$rest" ]; do
			item=$(printf '%s' "$rest" | awk '{
				n = split($0, w, " "); out = w[1];
				for (i = 2; i <= n; i++) { if (w[i] ~ /^[a-z][a-z0-9_.]*=/) break; out = out " " w[i] }
				print out }')
			want+=("$item")
			rest=${rest:${#item}}
			rest=${rest# }
		done ;;
	""|\#*) ;;
	*) echo "FAIL $cases:$lineno: not a craft/want line"; rc=1 ;;
	esac
done <"$cases"
check_case
echo "$ncase cases, $nfield fields compared with tshark"
[ "$ncase" -gt 0 ] || rc=1
exit $rc
