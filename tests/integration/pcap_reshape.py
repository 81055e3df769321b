#!/usr/bin/env python3
"""pcap_reshape.py IN OUT [OPTION...] -- rewrite an Ethernet pcap (microsecond or
nanosecond) into the shapes a capture of the field comes in, for the replay tests:

  --ipip SRC,DST       wrap each IPv4 packet in IP-in-IP (RFC 2003 §3.1)
  --gre SRC,DST[,KEY]  wrap each IPv4 packet in GRE (RFC 2784 §2), with a Key (RFC 2890)
  --vlan ID            insert an 802.1Q tag with VLAN ID
  --nsec               write a nanosecond pcap (each time + 123 ns)
  --drop-src ADDR      leave out the IPv4 packets ADDR sent (the DUT's side missing)

Headers are built here from the RFCs' layouts, checksums computed (RFC 1071)."""
import socket
import struct
import sys

MAGIC_US, MAGIC_NS = 0xA1B2C3D4, 0xA1B23C4D


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ip4(src, dst, proto, payload, tos=0, df=0):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, tos, 20 + len(payload), 0, df, 64, proto, 0,
                    socket.inet_aton(src), socket.inet_aton(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def wrap(pkt, kind, args):
    tos, df = pkt[1], struct.unpack("!H", pkt[6:8])[0] & 0x4000
    if kind == "ipip":
        return ip4(args[0], args[1], 4, pkt, tos, df)
    gre = struct.pack("!HH", 0x2000 if len(args) > 2 else 0, 0x0800)
    if len(args) > 2:
        gre += struct.pack("!I", int(args[2], 0))
    return ip4(args[0], args[1], 47, gre + pkt, tos, df)


def main():
    src, out, opts = sys.argv[1], sys.argv[2], sys.argv[3:]
    tun = vlan = drop = None
    nsec = False
    i = 0
    while i < len(opts):
        o = opts[i]
        if o in ("--ipip", "--gre"):
            tun = (o[2:], opts[i + 1].split(","))
            i += 1
        elif o == "--vlan":
            vlan = int(opts[i + 1])
            i += 1
        elif o == "--drop-src":
            drop = socket.inet_aton(opts[i + 1])
            i += 1
        elif o == "--nsec":
            nsec = True
        else:
            sys.exit("pcap_reshape.py: unknown option " + o)
        i += 1
    data = open(src, "rb").read()
    magic = struct.unpack("<I", data[:4])[0]
    if magic not in (MAGIC_US, MAGIC_NS) or struct.unpack("<I", data[20:24])[0] != 1:
        sys.exit("pcap_reshape.py: %s: not a little-endian Ethernet pcap" % src)
    scale = 1000 if magic == MAGIC_US and nsec else 1
    res = bytearray(struct.pack("<I", MAGIC_NS if nsec or magic == MAGIC_NS else MAGIC_US))
    res += data[4:16] + struct.pack("<I", 262144) + data[20:24]
    off = 24
    while off < len(data):
        sec, frac, caplen, _ = struct.unpack("<IIII", data[off:off + 16])
        f = data[off + 16:off + 16 + caplen]
        off += 16 + caplen
        eth, etype, pkt = f[:12], f[12:14], f[14:]
        if etype == b"\x08\x00":
            if drop and pkt[12:16] == drop:
                continue
            if tun:
                pkt = wrap(pkt[:struct.unpack("!H", pkt[2:4])[0]], tun[0], tun[1])
        if vlan is not None:
            etype = struct.pack("!HH", 0x8100, vlan) + etype
        f = eth + etype + pkt
        frac = frac * scale + (123 if nsec else 0)
        res += struct.pack("<IIII", sec, frac, len(f), len(f)) + f
    open(out, "wb").write(res)


main()
