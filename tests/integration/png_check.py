#!/usr/bin/env python3
"""png_check.py PNG MIN-KB [CROP-OUT Y0 Y1] — a screenshot is a real page: a PNG
(8-bit RGB or RGBA, not interlaced, as Chromium writes) of at least MIN-KB kilobytes,
whose pixels are not one colour (at least 8 distinct ones).  Decoded with zlib alone
(no PIL).  With CROP-OUT Y0 Y1, also writes rows Y0..Y1 as a PNG, for a person to look
at a part of a tall screenshot."""
import struct
import sys
import zlib


def chunks(data):
    at = 8
    while at + 8 <= len(data):
        n, kind = struct.unpack(">I4s", data[at:at + 8])
        yield kind, data[at + 8:at + 8 + n]
        at += 12 + n


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def decode(data):
    """The rows of pixels (bytes), width, height and bytes per pixel."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    idat = b""
    for kind, body in chunks(data):
        if kind == b"IHDR":
            w, h, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unexpected PNG format: depth {depth} colour {colour}")
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + (0, a, b, (a + b) // 2, paeth(a, b, c))[f]) & 0xFF
        rows.append(bytes(line))
        prev = line
    return rows, w, h, bpp


def encode(rows, w, bpp):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", w, len(rows), 8, 2 if bpp == 3 else 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(b"".join(b"\0" + r for r in rows))) + chunk(b"IEND", b""))


def main():
    data = open(sys.argv[1], "rb").read()
    if len(data) < int(sys.argv[2]) * 1024:
        sys.exit(f"{sys.argv[1]}: {len(data)} bytes, under {sys.argv[2]} KB")
    rows, w, h, bpp = decode(data)
    colours = set()
    for r in rows[::max(1, h // 200)]:
        colours.update(r[i:i + 3] for i in range(0, len(r), bpp * 7))
    if len(colours) < 8:
        sys.exit(f"{sys.argv[1]}: {w}x{h}, only {len(colours)} colours: a blank page?")
    print(f"{sys.argv[1]}: {w}x{h}, {len(data)} bytes, {len(colours)}+ colours")
    if len(sys.argv) == 6:
        open(sys.argv[3], "wb").write(encode(rows[int(sys.argv[4]):int(sys.argv[5])], w, bpp))


main()
