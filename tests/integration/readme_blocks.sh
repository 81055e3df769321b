#!/usr/bin/env bash
# readme_blocks.sh SOURCE-ROOT BUILD-DIR [N...] — every ```sh block of README.md, run as a
# pasted script (issue #14): each with `bash -e`, in order, from a clone of its own whose
# build/ is BUILD-DIR (README command 1 done), in a private network namespace (loopback
# up) and PID namespace (what a block leaves running ends with it); each must exit 0.
# Numbers N run only those blocks (1 = the first ```sh block).
#
# An HTML comment on the line before a block's fence marks it:
#   <!-- readme-test: skip -->  never run here (README commands 1 and 2: the build and
#                               this very test)
#   <!-- readme-test: shared --> run only when ../shared (the public captures) is beside
#                                the source tree, as in CI; a clone elsewhere skips it
#   <!-- readme-test: slow -->  run only when CI=true (a run against a DUT on the real
#                               clock, minutes), and not under the sanitizers (tools/test
#                               runs this test twice; the plain run covers them)
# Needs root (namespaces, port 434): exit 77 without it.
set -uo pipefail
src=$(realpath "$1") build=$(realpath "$2")
shift 2
only=" $* "
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
	echo "readme_blocks: needs root (unshare, port 434): skipped" >&2
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The clone: the source tree's entries, build/ -> BUILD-DIR, ../shared beside it.
mkdir "$tmp/clone"
for e in "$src"/* "$src"/.ci; do
	[ -e "$e" ] && [ "$(basename "$e")" != build ] && ln -s "$e" "$tmp/clone/"
done
ln -s "$build" "$tmp/clone/build"
[ -e "$src/../shared" ] && ln -s "$(realpath "$src/../shared")" "$tmp/shared"

# Split README.md into block files: $tmp/block.N with its mark in $tmp/mark.N.
awk -v dir="$tmp" '
	/^```(sh|bash)[ \t]*$/ && !inblk { n++; inblk = 1; file = dir "/block." n
		printf "%s\n", mark > (dir "/mark." n); close(dir "/mark." n)
		printf "" > file; next }
	/^```/ && inblk { inblk = 0; close(file); next }
	inblk { print > file; next }
	/^<!-- readme-test: [a-z]+ -->$/ { mark = $3; next }
	/^[ \t]*$/ { next }
	{ mark = "" }
	END { print n > (dir "/count") }' "$src/README.md"
count=$(cat "$tmp/count")
[ "$count" -gt 0 ] || { echo "FAIL: no sh block in README.md" >&2; exit 1; }

failed=0 ran=0
for n in $(seq 1 "$count"); do
	[ "$only" = "  " ] || [[ $only == *" $n "* ]] || continue
	mark=$(cat "$tmp/mark.$n")
	first=$(grep -m1 -v '^[[:space:]]*\(#.*\)\?$' "$tmp/block.$n")
	if [ "$mark" = skip ] || { [ "$mark" = shared ] && [ ! -e "$tmp/shared" ]; } ||
		{ [ "$mark" = slow ] &&
		{ [ "${CI:-}" != true ] || [ -n "${ASAN_OPTIONS:-}${UBSAN_OPTIONS:-}" ]; }; }; then
		echo "-- block $n skipped ($mark): $first"
		continue
	fi
	t0=$(date +%s)
	(cd "$tmp/clone" && timeout -k 5 600 unshare -n -p -f --mount-proc \
		bash -c 'ip link set lo up && exec bash -e "$0"' "$tmp/block.$n") \
		>"$tmp/out.$n" 2>&1
	rc=$?
	ran=$((ran + 1))
	if [ $rc -eq 0 ]; then
		echo "ok   block $n ($(($(date +%s) - t0)) s): $first"
	else
		echo "FAIL block $n exit $rc ($(($(date +%s) - t0)) s): $first"
		sed 's/^/    | /' "$tmp/out.$n" | tail -25
		failed=$((failed + 1))
	fi
done
echo "readme_blocks: $ran run, $failed failed"
[ $failed -eq 0 ]
