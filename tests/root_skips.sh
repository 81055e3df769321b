#!/bin/sh
# root_skips.sh TESTLOG.JSON — the tests of a meson run (its meson-logs/testlog.json) that
# skipped for want of root: a SKIP whose output says "needs root", the words every test
# that needs root prints when it skips for that.  Prints their names, one a line, and
# exits 1 when there is any (2 when the log cannot be read), else 0.  tools/test fails CI
# (CI=true, run as root) with them; other skips stay skips (run_remote_variants under
# the sanitizers, decode_captures without ../shared).
log=${1:?usage: root_skips.sh TESTLOG.JSON}
names=$(jq -r 'select(.result == "SKIP")
	| select(((.stdout // "") + (.stderr // "")) | test("needs root"))
	| .name' "$log") || exit 2
[ -z "$names" ] && exit 0
printf '%s\n' "$names"
exit 1
