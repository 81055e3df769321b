#!/bin/sh
# test_run_man.sh PMIP4CT MAN-FILE — the committed pmip4ct-cases(7) is what
# `pmip4ct run --man` generates from the case and requirement registries.
set -u
pmip4ct=$1 page=$2
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$pmip4ct" run --man >"$tmp" || { echo "FAIL: pmip4ct run --man failed"; exit 1; }
if ! cmp -s "$tmp" "$page"; then
	diff -u "$page" "$tmp" | head -40
	echo "FAIL: $page is stale: run tools/gen-man and commit it"
	exit 1
fi
if command -v groff >/dev/null; then
	warn=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
	[ -z "$warn" ] || { echo "FAIL: groff warns: $warn"; exit 1; }
fi
echo "ok"
