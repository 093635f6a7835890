#!/usr/bin/env python3
"""Generates the seed catalog's pictures (seeds/pictures/<file name of each image_urls entry>), so that the demo,
the tests and the simulators have real files behind the catalog's picture URLs without a network.

Each picture is a baseline JPEG (grayscale, 8x8 blocks of one shade: the smallest valid JPEG a platform decodes),
600x600 px, its pattern chosen by the product's group and the picture's position, so that products share a few
contents. Three products' first picture is 320x320 px: smaller than Lazada (330 px) and Tiki (500 px) take, which
the coverage report then names.

Deterministic. `python3 seeds/generate_pictures.py`
"""
import csv
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "pictures")

# JPEG's standard luminance Huffman tables (ITU T.81, K.3).
DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
DC_VALUES = list(range(12))
AC_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7D]
AC_VALUES = [
    0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xA1,
    0x08, 0x23, 0x42, 0xB1, 0xC1, 0x15, 0x52, 0xD1, 0xF0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0A, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x25, 0x26,
    0x27, 0x28, 0x29, 0x2A, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x53, 0x54, 0x55, 0x56,
    0x57, 0x58, 0x59, 0x5A, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x83, 0x84, 0x85,
    0x86, 0x87, 0x88, 0x89, 0x8A, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA,
    0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6,
    0xD7, 0xD8, 0xD9, 0xDA, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9,
    0xFA,
]


def codes(bits, values):
    """Canonical Huffman codes: value -> (code, length)."""
    table, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            table[values[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return table


DC_CODES = codes(DC_BITS, DC_VALUES)
EOB = codes(AC_BITS, AC_VALUES)[0x00]


def segment(marker, payload):
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def jpeg(width, height, shade):
    """A grayscale baseline JPEG whose 8x8 block (bx, by) has the gray level shade(bx, by)."""
    head = b"\xFF\xD8" + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    head += segment(0xDB, b"\x00" + bytes([1] * 64))
    head += segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
    head += segment(0xC4, b"\x00" + bytes(DC_BITS) + bytes(DC_VALUES))
    head += segment(0xC4, b"\x10" + bytes(AC_BITS) + bytes(AC_VALUES))
    head += segment(0xDA, b"\x01\x01\x00\x00\x3F\x00")
    bits, count, out, previous = 0, 0, bytearray(), 0

    def put(value, length):
        nonlocal bits, count
        bits = (bits << length) | (value & ((1 << length) - 1))
        count += length
        while count >= 8:
            count -= 8
            byte = (bits >> count) & 0xFF
            out.append(byte)
            if byte == 0xFF:
                out.append(0)

    for by in range((height + 7) // 8):
        for bx in range((width + 7) // 8):
            dc = 8 * (shade(bx, by) - 128)
            diff, previous = dc - previous, dc
            size = abs(diff).bit_length()
            put(*DC_CODES[size])
            if size:
                put(diff if diff > 0 else diff + (1 << size) - 1, size)
            put(*EOB)
    if count:
        put((1 << (8 - count)) - 1, 8 - count)
    return head + bytes(out) + b"\xFF\xD9"


GROUP_SHADES = {"food": 90, "beverage": 140, "herbs-medicinal": 60, "handicraft-textile": 180, "tourism-service": 210}


def picture(group, position, small):
    side = 320 if small else 600
    base = GROUP_SHADES.get(group, 120)
    stripe = 8 + 6 * position
    return jpeg(side, side, lambda bx, by: base + (40 if (bx + by) // stripe % 2 else 0) - (20 if bx < position * 3 else 0))


def main():
    os.makedirs(OUT, exist_ok=True)
    wanted = {}
    with open(os.path.join(HERE, "quang-ninh-catalog.csv"), encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle)):
            for position, url in enumerate(row["image_urls"].split()):
                name = url.rstrip("/").split("/")[-1]
                wanted[name] = (row["group"], position, position == 0 and zlib.crc32(row["sku"].encode()) % 97 == 7)
    made = {}
    for name in sorted(wanted):
        if wanted[name] not in made:
            made[wanted[name]] = picture(*wanted[name])
        with open(os.path.join(OUT, name), "wb") as handle:
            handle.write(made[wanted[name]])
    for stale in set(os.listdir(OUT)) - set(wanted):
        os.remove(os.path.join(OUT, stale))
    small = sum(1 for value in wanted.values() if value[2])
    print(f"{OUT}: {len(wanted)} pictures ({small} of 320x320 px)")


if __name__ == "__main__":
    main()
