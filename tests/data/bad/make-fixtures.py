#!/usr/bin/env python3
"""Writes the malformed audio fixtures, one per kind of bad input. Run from this folder.

The files are committed; this script documents exactly how each was made."""
import math
import struct


def wav(fmt_tag, channels, rate, bits, data, declared_data_bytes=None):
    block = channels * bits // 8
    size = len(data) if declared_data_bytes is None else declared_data_bytes
    fmt = struct.pack('<HHIIHH', fmt_tag, channels, rate, rate * block, block, bits)
    body = b'WAVE' + b'fmt ' + struct.pack('<I', len(fmt)) + fmt
    if fmt_tag == 3:  # float WAV carries a fact chunk
        body += b'fact' + struct.pack('<II', 4, size // block)
    body += b'data' + struct.pack('<I', size) + data
    return b'RIFF' + struct.pack('<I', len(body)) + body


def floats(values):
    return b''.join(struct.pack('<f', v) for v in values)


def floats_to_pcm16(values):
    return b''.join(struct.pack('<h', round(v * 32767)) for v in values)


good = wav(1, 2, 48000, 16, b'\x00\x10' * 2 * 4800)
sine = [0.5 * math.sin(2 * math.pi * 1000 * i / 48000) for i in range(4800)]

files = {
    'empty.wav': b'',
    'truncated-header.wav': good[:20],
    'text.wav': b'These are my mix notes, not audio.\nBass up 2 dB, vocal down 1 dB.\n',
    'zero-frames.wav': wav(1, 2, 48000, 16, b''),
    'header-only.wav': wav(1, 2, 48000, 16, b'', declared_data_bytes=4 * 48000),
    'nan.wav': wav(3, 1, 48000, 32, floats(sine[:1000] + [float('nan')] + sine[1001:])),
    'inf.wav': wav(3, 1, 48000, 32, floats(sine[:2000] + [float('inf')] + sine[2001:])),
    'truncated-data.wav': wav(1, 1, 48000, 16, floats_to_pcm16(sine), declared_data_bytes=2 * 48000),
    'rate-4khz.wav': wav(1, 1, 4000, 16, b'\x00\x10' * 4000),
}
for name, content in files.items():
    with open(name, 'wb') as f:
        f.write(content)
