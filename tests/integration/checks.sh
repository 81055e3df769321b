# checks.sh — sourced by the integration scripts: a scratch directory ($tmp), background
# processes to stop on exit (add their PIDs to pids), and one line per check:
# `ok TEXT` or `fail TEXT`; checks_end exits 1 when any check failed.
tmp=$(mktemp -d)
pids=()
failed=0
checks_cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap checks_cleanup EXIT
report() { # ok|FAIL TEXT
	printf '%-4s %s\n' "$1" "$2"
	[ "$1" = ok ] || failed=$((failed + 1))
}
fail() { report FAIL "$*"; }
ok() { report ok "$*"; }
checks_end() {
	[ "$failed" = 0 ] || { echo "$failed check(s) failed"; exit 1; }
	exit 0
}
