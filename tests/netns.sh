#!/bin/sh
# netns.sh CMD [ARG...] — run a test in a network namespace of its own (loopback up) when
# root, so the fixed addresses and ports it binds (127.0.0.x:434 ...) never collide with
# another test running beside it or another run on the host; as it is otherwise (it then
# binds only what an unprivileged user may, or skips).
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null; then
	exec unshare -n sh -c 'ip link set lo up && exec "$@"' netns.sh "$@"
fi
exec "$@"
