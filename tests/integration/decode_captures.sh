#!/usr/bin/env bash
# decode_captures.sh PMIP4CT CAPTURE_DIR — pmip4ct decode must find the same Mobile IP
# messages as tshark (the oracle, PROTOCOL.md §9) in every public capture: the same
# frames, in the same order, with the same message types and Identifications.
set -uo pipefail
pmip4ct=$1 dir=$2
command -v tshark >/dev/null || { echo "SKIP: tshark not installed"; exit 77; }
ls "$dir"/*.pcap >/dev/null 2>&1 || { echo "SKIP: no captures in $dir"; exit 77; }

names() { # message type number -> the word pmip4ct's summary starts with
	awk '{ t = $2; n = "type"
	       if (t == 1) n = "RRQ"; else if (t == 3) n = "RRP"; else if (t == 4) n = "TUNDATA"
	       else if (t == 7) n = "REV"; else if (t == 15) n = "REVACK"
	       print $1, n, $3 }'
}

rc=0 total=0
for f in "$dir"/*.pcap; do
	# tshark: frame, type, raw payload (Identification = bytes 16-23 of an RRQ, 12-19 of an RRP)
	want=$(tshark -r "$f" -Y mip -T fields -e frame.number -e mip.type -e udp.payload \
		2>/dev/null | awk '{ id = "-"
			if ($2 == 1) id = substr($3, 33, 16); else if ($2 == 3) id = substr($3, 25, 16)
			print $1, $2, id }' | names)
	got=$("$pmip4ct" decode "$f" | grep -v '^#' | awk '{ id = "-";
		for (i = 1; i <= NF; i++) if ($i == "id") id = $(i + 1);
		print $1, $6, id }')
	n=$(printf '%s\n' "$want" | grep -c . || true)
	total=$((total + n))
	if [ "$want" != "$got" ]; then
		echo "FAIL $(basename "$f"): pmip4ct and tshark disagree"
		diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | head -n 20
		rc=1
	else
		echo "ok   $(basename "$f"): $n messages"
	fi
done
[ "$total" -gt 0 ] || { echo "FAIL: tshark found no Mobile IP message at all"; rc=1; }
exit $rc
