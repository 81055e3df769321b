#!/usr/bin/env python3
"""test_pma_first_rrq.py PMIP4CT — `pmip4ct pma --attach` as its own process sends its
first Registration Request at once, on its own, not with its first retransmission.

A UDP socket plays the HA and never answers.  The attach queues the request while the
daemon starts, before its event loop first waits; the loop must send it before that wait
(a queue flushed only after a wakeup held it until the retransmission timer, 1 s, and
both datagrams then left in the same wakeup).  So:
1. the first request arrives within 300 ms of the start, well before --retrans-ms;
2. it arrives alone: nothing more for the next 500 ms;
3. the retransmission, the same request again (RFC 5944 §3.6.3), comes about one
   retransmission interval (1 s) after it.
"""
import os
import select
import socket
import subprocess
import sys
import time

FIRST_MAX = 0.300   # s from the start to the first request
QUIET = 0.500       # s after it with nothing else
RETRANS = 1.0       # s, --retrans-ms 1000 (the default)


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def recv_by(sock, deadline):
    """(payload, arrival time) of the next datagram before deadline, or (None, None)."""
    left = deadline - time.monotonic()
    if left <= 0 or not select.select([sock], [], [], left)[0]:
        return None, None
    data = sock.recv(65536)
    return data, time.monotonic()


def main():
    pmip4ct = sys.argv[1]
    ha = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    ha.bind(("127.0.0.1", 0))
    ha_port = ha.getsockname()[1]
    # The PMA's port (1-65535, no 0): one the kernel had free a moment ago; in the
    # namespace of its own the test gets as root, nothing else takes it.
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    probe.bind(("127.0.0.1", 0))
    pma_port = probe.getsockname()[1]
    probe.close()
    key = "hex:000102030405060708090a0b0c0d0e0f"
    argv = [pmip4ct, "pma", "--address", "127.0.0.1", "--port", str(pma_port),
            "--ha", "127.0.0.1", "--ha-port", str(ha_port),
            "--sa", "spi=256,key=" + key + ",kind=fa-ha",
            "--attach", "02:00:00:00:01:01,020000000101@example.net",
            "--retrans-ms", "1000", "--log", "warn"]
    t0 = time.monotonic()
    pma = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True)
    try:
        first, t1 = recv_by(ha, t0 + 3 * RETRANS)
        if first is None:
            fail("no Registration Request in %.0f ms" % (3000 * RETRANS))
        if first[0] != 1:
            fail("the first datagram is type %d, not a Registration Request" % first[0])
        print("first request after %.1f ms" % ((t1 - t0) * 1000))
        if t1 - t0 > FIRST_MAX:
            fail("the first request came %.0f ms after the start (at most %.0f)"
                 % ((t1 - t0) * 1000, FIRST_MAX * 1000))
        extra, t2 = recv_by(ha, t1 + QUIET)
        if extra is not None:
            fail("a second datagram %.1f ms after the first: not sent alone"
                 % ((t2 - t1) * 1000))
        again, t2 = recv_by(ha, t1 + 2 * RETRANS)
        if again is None:
            fail("no retransmission within %.0f ms of the first" % (2000 * RETRANS))
        print("retransmission %.1f ms after it" % ((t2 - t1) * 1000))
        if not 0.8 * RETRANS <= t2 - t1 <= 1.6 * RETRANS:
            fail("the retransmission came %.0f ms after the first, not about %.0f"
                 % ((t2 - t1) * 1000, RETRANS * 1000))
        if again[0] != 1:
            fail("the retransmission is type %d, not a Registration Request" % again[0])
    finally:
        pma.terminate()
        _, err = pma.communicate(timeout=10)
        sys.stderr.write(err)
    if pma.returncode != 0:
        fail("pmip4ct pma exited %d" % pma.returncode)
    print("ok")


if __name__ == "__main__":
    main()
