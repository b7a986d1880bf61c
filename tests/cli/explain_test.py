#!/usr/bin/env python3
"""Teach it back as a student hands it in: mixgrade-score reads the explanation beside the audio.

  * mix.explain.txt beside mix.wav is copied into --json as "explanation": {file, text};
  * the lookup order: mix.explain.md before mix.explain.txt before mix.md ... explain.txt;
  * --no-explain skips it; a page this run writes (--markdown mix.md) or an earlier run left
    there ("# Feedback on mix.wav") is never read as one;
  * a binary file, one over 64 KiB or a link to a file outside the folder: one warning line on
    stderr naming the file, the record has no explanation, the grade is the same.

Usage: explain_test.py BIN_DIR SOURCE_DIR WORK_DIR  (CTest: cli.score.explain)
"""
import json
import math
import os
import pathlib
import shutil
import struct
import subprocess
import sys
import wave

from clitest import check, fail

bin_dir, src, work = map(pathlib.Path, sys.argv[1:4])
SCORE = bin_dir / "mixgrade-score"
RUBRIC = src / "rubrics" / "first-mix.toml"


def write_sine(path, seconds=3.0, rate=44100, dbfs=-12.0):
    """A 1 kHz stereo sine at `dbfs` peak: short, deterministic, gradeable."""
    amp = 10 ** (dbfs / 20) * 32767
    frames = bytearray()
    for n in range(int(seconds * rate)):
        s = int(round(amp * math.sin(2 * math.pi * 1000 * n / rate)))
        frames += struct.pack("<hh", s, s)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))


def score(*args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    p = subprocess.run([str(SCORE), "-r", str(RUBRIC), *map(str, args)], capture_output=True,
                       text=True, env=env, cwd=work)
    if p.returncode not in (0, 1):
        fail(f"mixgrade-score {' '.join(map(str, args))} exited {p.returncode}:\n{p.stderr}")
    return p


def record(p):
    lines = p.stdout.splitlines()
    check(len(lines) == 1, f"expected one JSON line, got {p.stdout!r}")
    return json.loads(lines[0])


shutil.rmtree(work, ignore_errors=True)
folder = work / "week1"
folder.mkdir(parents=True)
mix = folder / "mix.wav"
write_sine(mix)

# No explanation: no field, no warning.
p = score("--json", mix)
plain = record(p)
check("explanation" not in plain, f"no file, no explanation: {plain.keys()}")
check(p.stderr == "", f"no file, nothing on stderr: {p.stderr!r}")

# mix.explain.txt is read, as UTF-8 text.
text = "I kept headroom: the peak sits at \u22126 dBFS so nothing clips.\n"
(folder / "mix.explain.txt").write_text(text, encoding="utf-8")
(folder / "explain.md").write_text("the folder's own explanation", encoding="utf-8")
p = score("--json", mix)
r = record(p)
check(r.get("explanation") == {"file": str(mix.with_name("mix.explain.txt")), "text": text},
      f"explanation: {r.get('explanation')}")
check(r["score"] == plain["score"], "an explanation never changes the grade")
check(p.stderr == "", f"stderr: {p.stderr!r}")

# mix.explain.md comes first; explain.md only when no mix.* file is there.
(folder / "mix.explain.md").write_text("# Why\nthe markdown one", encoding="utf-8")
check(record(score("--json", mix))["explanation"]["text"] == "# Why\nthe markdown one",
      "mix.explain.md before mix.explain.txt")
for name in ("mix.explain.md", "mix.explain.txt"):
    (folder / name).unlink()
check(record(score("--json", mix))["explanation"]["file"] == str(folder / "explain.md"),
      "explain.md when no mix.* explanation")

# --no-explain skips the lookup.
check("explanation" not in record(score("--json", "--no-explain", mix)), "--no-explain")

# The page this run writes beside the audio is not the explanation: explain.md is.
(folder / "mix.md").write_text("an old feedback page", encoding="utf-8")
r = record(score("--json", "--markdown", folder / "mix.md", mix))
check(r["explanation"]["file"] == str(folder / "explain.md"),
      f"--markdown mix.md must not be read back: {r.get('explanation')}")
# Nor is a page an earlier run left there.
(folder / "mix.md").write_text("# Feedback on mix.wav\n\n**File:** `mix.wav`\n", encoding="utf-8")
r = record(score("--json", mix))
check(r["explanation"]["file"] == str(folder / "explain.md"),
      f"an old feedback page must not be read back: {r.get('explanation')}")
(folder / "mix.md").unlink()
(folder / "explain.md").unlink()


def refused(name, content, reason):
    path = folder / name
    if isinstance(content, pathlib.Path):
        path.symlink_to(content)
    else:
        path.write_bytes(content)
    p = score("--json", mix)
    r = record(p)
    lines = p.stderr.splitlines()
    check("explanation" not in r, f"{name}: no explanation expected, got {r.get('explanation')}")
    check(r["score"] == plain["score"], f"{name}: grading goes on")
    check(len(lines) == 1 and str(path) in lines[0] and reason in lines[0],
          f"{name}: expected one warning naming the file with '{reason}', got {lines}")
    path.unlink()


refused("mix.txt", b"RIFF\x00\x00WAVEfmt ", "binary")
refused("mix.txt", b"a" * (64 * 1024 + 1), "larger than 64 KiB")
outside = work / "secret.txt"
outside.write_text("not the student's", encoding="utf-8")
refused("mix.explain.md", outside, "outside")
# Exactly 64 KiB is accepted; the record keeps the first 8000 bytes.
(folder / "mix.txt").write_bytes(b"b" * (64 * 1024))
check(record(score("--json", mix))["explanation"]["text"] == "b" * 8000, "cut to 8000 bytes")
print("explain: ok")
