#!/usr/bin/env python3
"""replay_raw_rx.py IFNAME OUT.pcap — the receiving end of the replay_raw test: every
IPv4 frame arriving on IFNAME (AF_PACKET, incoming only), written whole to OUT.pcap
(Ethernet), until 1 s passes without one after the first, or 20 s without any.  Prints
"ready" once listening.

replay_raw_rx.py --same A.pcap B.pcap [N] — exit 0 when B holds A's frames N times
over (default 1), byte for byte, in order; else says which frame differs."""
import socket
import struct
import sys

ETH_P_ALL = 3
PACKET_OUTGOING = 4



def frames_of(path):
    with open(path, "rb") as f:
        b = f.read()
    e = "<" if struct.unpack("<I", b[:4])[0] in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    out, at = [], 24
    while at + 16 <= len(b):
        incl = struct.unpack(e + "I", b[at + 8:at + 12])[0]
        out.append(b[at + 16:at + 16 + incl])
        at += 16 + incl
    return out


if sys.argv[1] == "--same":
    a, b = frames_of(sys.argv[2]), frames_of(sys.argv[3])
    want = a * (int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    if len(b) != len(want):
        sys.exit("%d frames received, %d sent" % (len(b), len(want)))
    for i, (x, y) in enumerate(zip(want, b)):
        if x != y:
            sys.exit("frame %d differs" % (i + 1))
    sys.exit(0)

s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
s.bind((sys.argv[1], 0))
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
print("ready", flush=True)
frames = []
s.settimeout(20)
while True:
    try:
        data, addr = s.recvfrom(65535)
    except socket.timeout:
        break
    if addr[2] == PACKET_OUTGOING or data[12:14] != b"\x08\x00":
        continue
    frames.append(data)
    s.settimeout(1)
with open(sys.argv[2], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, fr in enumerate(frames):
        f.write(struct.pack("<IIII", 1796000000, i, len(fr), len(fr)) + fr)
