#!/usr/bin/env python3
"""The bad-input corpus: hostile and careless input a class folder can hold, generated here (no big
binaries stored), each with the outcome it must have. Every case must end within its time limit,
without a crash (no signal), with a clear message naming the file where one is due, and with the
other files and students still graded. Prints one line per kind: kind | cases | handled.

Usage: corpus.py BIN_DIR SOURCE_DIR WORK_DIR [AUDIO_DIR]  (CTest: hostile.corpus; AUDIO_DIR holds
make_test_audio's files, the compressed formats among them)
"""
import json
import math
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import wave

bin_dir, src, work = map(pathlib.Path, sys.argv[1:4])
AUDIO = pathlib.Path(sys.argv[4]) if len(sys.argv) > 4 else None  # make_test_audio's folder
SCORE, ASSIGN, BATCH, ANALYZE = (bin_dir / f"mixgrade-{t}" for t in ("score", "assign", "batch", "analyze"))
RUBRICS = src / "rubrics"
FIRST = RUBRICS / "first-mix.toml"
SAMPLES = src / "samples" / "class"
GOOD = SAMPLES / "okafornkechi_10231_50011_mix.flac"
QUIET = SAMPLES / "chenwei_10233_50013_mix.flac"

shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
env = dict(os.environ, SOURCE_DATE_EPOCH="1764000000")
env.pop("GITHUB_ACTIONS", None)

results = {}  # kind -> [cases, handled]
failures = []


def run(args, stdin=None, timeout=60):
    try:
        p = subprocess.run([str(a) for a in args], input=stdin, capture_output=True, timeout=timeout,
                           env=env)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return "timeout", "", ""


def case(kind, name, args, *, codes, stderr=None, stdout=None, stdin=None, check=None, timeout=60):
    """One case: the exit code must be one of `codes`, stderr/stdout must match the regexes, and
    `check` (a callable) must return True."""
    rc, out, err = run(args, stdin=stdin, timeout=timeout)
    ok = rc in codes
    why = f"exit {rc}, expected {codes}"
    if ok and stderr and not re.search(stderr, err):
        ok, why = False, f"stderr lacks /{stderr}/"
    if ok and stdout and not re.search(stdout, out):
        ok, why = False, f"stdout lacks /{stdout}/"
    if ok and check:
        try:
            ok = bool(check(out, err))
            why = "check failed"
        except Exception as e:  # a failed check is a finding, not a crash of the corpus
            ok, why = False, f"check raised {e!r}"
    entry = results.setdefault(kind, [0, 0])
    entry[0] += 1
    entry[1] += 1 if ok else 0
    if not ok:
        failures.append(f"{kind} / {name}: {why}\n  stderr: {err[-600:]}\n  stdout: {out[-400:]}")


def write_wav(path, frames, rate=44100, float32=False, channels=2):
    """A WAV of `frames` (list of per-channel tuples); float32 writes WAVE_FORMAT_IEEE_FLOAT."""
    if not float32:
        with wave.open(str(path), "wb") as w:
            w.setnchannels(channels)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(b"".join(struct.pack("<" + "h" * channels, *f) for f in frames))
        return
    data = b"".join(struct.pack("<" + "f" * channels, *f) for f in frames)
    fmt = struct.pack("<HHIIHH", 3, channels, rate, rate * 4 * channels, 4 * channels, 32)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)


def sine(seconds=2.0, rate=44100, amp=8000):
    return [(int(amp * math.sin(2 * math.pi * 440 * n / rate)),) * 2 for n in range(int(seconds * rate))]


def flat_class(name, extra):
    """A flat Canvas-style download with two good students and whatever `extra(dir)` adds."""
    d = work / name
    d.mkdir()
    shutil.copy(GOOD, d / "okafornkechi_10231_50011_mix.flac")
    shutil.copy(QUIET, d / "chenwei_10233_50013_mix.flac")
    extra(d)
    return d


def graded(out_dir, *ids):
    g = json.loads((out_dir / "grades.json").read_text())
    got = {s["key"] if "key" in s else s.get("student_key") for s in g["students"]}
    return all(i in got for i in ids)


analysis = json.loads(run([ANALYZE, "--json", GOOD])[1].splitlines()[0])
good_line = json.dumps(analysis)

# --- JSON lines --------------------------------------------------------------------------------
deep = "[" * 1000000 + "]" * 1000000
deep_obj = '{"a":' * 200000 + "1" + "}" * 200000
case("deep JSON", "score --from-json, a million brackets", [SCORE, "-r", FIRST, "--from-json", "-"],
     stdin=(deep + "\n" + good_line + "\n").encode(), codes=(3,), stderr="nested more than 128",
     stdout=r"1 passed")
case("deep JSON", "score --from-json, deep object", [SCORE, "-r", FIRST, "--from-json", "-"],
     stdin=(deep_obj + "\n").encode(), codes=(3,), stderr="nested more than 128")
case("deep JSON", "assign, deep line", [ASSIGN, "--history", work / "deep.db", "--student", "a", "-"],
     stdin=(deep_obj + "\n").encode(), codes=(3,), stderr="nested more than 128")
case("non-string file", "score --from-json, file: 5, later lines graded",
     [SCORE, "-r", FIRST, "--from-json", "-"],
     stdin=(json.dumps(dict(analysis, file=5)) + "\n" + good_line + "\n").encode(), codes=(3,),
     stderr='"file" is not a string', stdout=r"1 passed")
for label, line in (("{}", {}), ("a string where a number is graded",
                                   dict(analysis, loudness=dict(analysis["loudness"], integrated_lufs="-14"))),
                    ("negative clip count", dict(analysis, dynamics=dict(analysis["dynamics"], clip_events=-5)))):
    case("not an analysis", label, [SCORE, "-r", FIRST, "--from-json", "-", "--json"],
         stdin=(json.dumps(line) + "\n").encode(), codes=(3,), stderr="not an analysis|not a number|negative",
         check=lambda out, err: '"error"' in out or out == "")

# --- FIFOs and devices ---------------------------------------------------------------------------
fifo = work / "fifo.wav"
os.mkfifo(fifo)
fifo_toml = work / "fifo.toml"
os.mkfifo(fifo_toml)
fifo_csv = work / "fifo.csv"
os.mkfifo(fifo_csv)
case("FIFO as input", "mixgrade-analyze", [ANALYZE, fifo, GOOD], codes=(3,), timeout=20,
     stderr="not a regular file", stdout="okafornkechi")
case("FIFO as input", "mixgrade-score audio", [SCORE, "-r", FIRST, fifo, GOOD], codes=(3,), timeout=20,
     stderr="not a regular file", stdout="1 passed")
case("FIFO as input", "rubric", [SCORE, "-r", fifo_toml, GOOD], codes=(2,), timeout=20,
     stderr="not a regular file")
case("FIFO as input", "roster", [BATCH, SAMPLES, "-r", FIRST, "--roster", fifo_csv, "-o", work / "o-fifo"],
     codes=(2,), timeout=20, stderr="not a regular file")
case("FIFO as input", "marks", [SCORE, "-r", FIRST, "--student", "ana", "--marks", fifo_csv, GOOD],
     codes=(2,), timeout=20,
     stderr="not a regular file")
case("device as input", "/dev/zero rubric", [SCORE, "-r", "/dev/zero", GOOD], codes=(2,), timeout=20,
     stderr="not a regular file")
case("device as input", "/dev/zero roster",
     [BATCH, SAMPLES, "-r", FIRST, "--roster", "/dev/zero", "-o", work / "o-zero"], codes=(2,),
     timeout=20, stderr="not a regular file")
case("device as input", "/dev/zero audio", [ANALYZE, "/dev/zero"], codes=(3, 2), timeout=20,
     stderr="not a regular file")

# --- Class folders ---------------------------------------------------------------------------------
def loops(d):
    os.symlink("loop-b", d / "loop-a")
    os.symlink("loop-a", d / "loop-b")
    os.symlink("nowhere.wav", d / "brennanliam_10232_50012_mix.wav")
    os.mkfifo(d / "dialloamara_10234_50014_mix.wav")
c = flat_class("loops", loops)
case("links and FIFOs in a download", "class run", [BATCH, c, "-r", FIRST, "-o", work / "o-loops"],
     codes=(3,), timeout=60, stderr="loop-a: skipped",
     check=lambda o, e: graded(work / "o-loops", "10231", "10233", "10232", "10234"))
g = work / "gs-sub"
g.mkdir()
shutil.copy(GOOD, g / "mix.flac")
os.symlink("l2", g / "l1")
os.symlink("l1", g / "l2")
case("links and FIFOs in a download", "Gradescope with a link loop",
     [BATCH, "--gradescope", "-r", FIRST, "--gradescope-submission", g,
      "--gradescope-results", work / "gs-results.json"], codes=(0, 1), timeout=60,
     check=lambda o, e: json.loads((work / "gs-results.json").read_text()).get("score") is not None)
# Gradescope: whatever the submission folder holds, results.json is written, valid against the
# schema, with a score and the reason.
SCHEMA = src.parent / "shared" / "validators" / "gradescope-results.schema.json"


def gradescope_ok(results, reason):
    j = json.loads(results.read_text())
    if SCHEMA.is_file():
        import jsonschema
        jsonschema.validate(j, json.loads(SCHEMA.read_text()))
    return j.get("score") is not None and re.search(reason, j.get("output", "")) is not None


gs_cases = {
    "empty": (lambda d: None, "no audio file submitted", (3,)),
    "fifo": (lambda d: os.mkfifo(d / "mix.wav"), "not a regular file", (3,)),
    "link to a device": (lambda d: os.symlink("/dev/zero", d / "mix.wav"), "link out of the submissions", (3,)),
    "cut short": (lambda d: (d / "mix.flac").write_bytes(GOOD.read_bytes()[:30000]), "withheld", (1,)),
    "only a text file": (lambda d: (d / "notes.txt").write_text("hi"), "no audio file submitted", (3,)),
}
for label, (make, reason, codes) in gs_cases.items():
    d = work / ("gs-" + label.replace(" ", "-"))
    d.mkdir()
    make(d)
    res = work / f"gs-{label.replace(' ', '-')}.json"
    case("Gradescope submissions", label,
         [BATCH, "--gradescope", "-r", FIRST, "--gradescope-submission", d, "--gradescope-results", res],
         codes=codes, timeout=60, check=lambda o, e, res=res, reason=reason: gradescope_ok(res, reason))

st = work / "stray"
(st / "old").mkdir(parents=True)
shutil.copy(GOOD, st / "alice.flac")
shutil.copy(QUIET, st / "bob.flac")
case("stray empty folder", "a flat download keeps its students",
     [BATCH, st, "-r", FIRST, "-o", work / "o-stray"], codes=(0, 1),
     check=lambda o, e: graded(work / "o-stray", "alice", "bob"))
f = work / "flatnames"
f.mkdir()
shutil.copy(GOOD, f / "gradebook.csv.wav")
shutil.copy(QUIET, f / "alice.flac")
case("student named like a class file", "gradebook.csv.wav",
     [BATCH, f, "-r", FIRST, "-o", work / "o-names", "--layout", "flat"], codes=(0, 1),
     check=lambda o, e: (work / "o-names" / "gradebook.csv").is_file()
     and (work / "o-names" / "student-gradebook.csv" / "feedback.md").is_file())
fo = work / "folders"
(fo / "ana").mkdir(parents=True)
shutil.copy(GOOD, fo / "ana" / "mix.flac")
os.symlink("/usr", fo / "mallory")
case("link out of the download", "a student folder linked to /usr",
     [BATCH, fo, "-r", FIRST, "-o", work / "o-usr", "--layout", "folders"], codes=(3,),
     stderr="out of the submissions folder",
     check=lambda o, e: graded(work / "o-usr", "ana", "mallory")
     and "/usr/" not in (work / "o-usr" / "grades.json").read_text())

# Two names under one Canvas id: one student (the id decides), and the instructor is told.
tn = work / "twonames"
tn.mkdir()
shutil.copy(GOOD, tn / "okafornkechi_10231_50011_mix.flac")
shutil.copy(QUIET, tn / "bobjones_10231_50099_mix.flac")
shutil.copy(QUIET, tn / "chenwei_10233_50013_mix.flac")
case("two names, one LMS id", "Canvas", [BATCH, tn, "-r", FIRST, "-o", work / "o-twonames"], codes=(0, 1),
     stderr=r"Canvas id 10231: two names",
     check=lambda o, e: graded(work / "o-twonames", "10231", "10233")
     and "two names" in (work / "o-twonames" / "summary.md").read_text())

# merge: folder names that are not UTF-8 survive; a shard's student key cannot write outside --out.
nu = work / "nonutf8"
(nu / os.fsdecode(b"Jos\xe9")).mkdir(parents=True)
(nu / "anna").mkdir()
shutil.copy(GOOD, nu / os.fsdecode(b"Jos\xe9") / "mix.flac")
shutil.copy(QUIET, nu / "anna" / "mix.flac")
run([BATCH, nu, "-r", FIRST, "-o", work / "o-nu-shard", "--layout", "folders"])
case("merge", "a folder name that is not UTF-8",
     [BATCH, "merge", work / "o-nu-shard", "-o", work / "o-nu-merged"], codes=(0,),
     check=lambda o, e: (work / "o-nu-merged" / "Jos%E9" / "feedback.md").is_file()
     and (work / "o-nu-merged" / "gradebook.csv").read_bytes() == (work / "o-nu-shard" / "gradebook.csv").read_bytes())
ev = work / "o-evil-shard"
shutil.copytree(work / "o-nu-shard", ev)
gj = json.loads((ev / "grades.json").read_text())
gj["students"][0]["key"] = "../../escaped"
(ev / "grades.json").write_text(json.dumps(gj))
(ev / ".." / "escaped").mkdir(exist_ok=True)
case("merge", "a student key with ../", [BATCH, "merge", ev, "-o", work / "o-evil-merged"], codes=(0, 3),
     check=lambda o, e: not (work.parent / "escaped").exists()
     and not list((work / "escaped").iterdir())
     and all(str(p.resolve()).startswith(str((work / "o-evil-merged").resolve()))
             for p in (work / "o-evil-merged").rglob("*")))

# A planted next.json in OUT (a FIFO, deep nesting): the re-run neither hangs nor crashes.
pl = work / "o-planted"
run([BATCH, SAMPLES, "-r", FIRST, "-o", pl])
(pl / "10231" / "next.json").unlink()
os.mkfifo(pl / "10231" / "next.json")
(pl / "10233" / "next.json").write_text("[" * 100000 + "]" * 100000)
case("planted files in OUT", "next.json as a FIFO and as deep JSON", [BATCH, SAMPLES, "-r", FIRST, "-o", pl],
     codes=(0, 1), timeout=120,
     check=lambda o, e: json.loads((pl / "10231" / "next.json").read_text())
     and json.loads((pl / "10233" / "next.json").read_text()))

# --- What goes out ---------------------------------------------------------------------------------
roster = work / "roster.csv"
roster.write_text('Student,ID,SIS User ID,SIS Login ID,Section\n"=HYPERLINK(""http://x"")",10231,S1,a,@SUM(1)\n'
                  '"Chen, Wei",10233,S2,b,Mix\n')
case("formula injection", "roster names and sections",
     [BATCH, SAMPLES, "-r", FIRST, "--roster", roster, "-o", work / "o-csv"], codes=(0, 1, 3),
     check=lambda o, e: all(not re.search(r'(^|,)"?[=+@]', line)
                            for t in ("gradebook.csv", "gradebook-moodle.csv")
                            for line in (work / "o-csv" / t).read_text().splitlines()))
twins = work / "twins"
twins.mkdir()
shutil.copy(GOOD, twins / "Alice.flac")
shutil.copy(QUIET, twins / "alice.flac")
twin_roster = work / "twin-roster.csv"
twin_roster.write_text("Student,ID,SIS User ID,SIS Login ID,Section\n\"Liddell, Alice\",777,S7,alice,A\n")


def one_row_per_id():
    rows = [l for l in (work / "o-twins" / "gradebook.csv").read_text().splitlines() if ",777," in l]
    return len(rows) == 1


case("one roster row, two files", "Alice.flac and alice.flac, one login",
     [BATCH, twins, "-r", FIRST, "--roster", twin_roster, "-o", work / "o-twins", "--layout", "flat"],
     codes=(0, 1), stderr="already matched", check=lambda o, e: one_row_per_id())
esc = work / "esc"
esc.mkdir()
shutil.copy(GOOD, esc / "evil\x1b[2J\x1b]0;pwned\x07.flac")
case("terminal escapes in names", "score text and logs", [SCORE, "-r", FIRST, *esc.iterdir()],
     codes=(0, 1), check=lambda o, e: "\x1b" not in o and "\x1b" not in e and "\\x1b" in o)

# A tampered cache entry is not trusted.
tc = work / "o-cache"
run([BATCH, SAMPLES, "-r", FIRST, "-o", tc])
before = (tc / "grades.json").read_text()
for entry in (tc / ".cache").glob("*.json"):
    entry.write_text("{}")
case("tampered cache", "every entry replaced by {}", [BATCH, SAMPLES, "-r", FIRST, "-o", tc],
     codes=(0, 1), stdout="7 analysed, 0 from the cache",
     check=lambda o, e: json.loads((tc / "grades.json").read_text())["students"] ==
     json.loads(before)["students"])
# The records of unchanged files (size, times, inode -> SHA-256) damaged: hashed again, same grades.
for entry in (tc / ".cache" / "files").glob("*.json"):
    entry.write_text('{"sha256": "' + "0" * 63 + '"}')
case("tampered cache", "file records damaged", [BATCH, SAMPLES, "-r", FIRST, "-o", tc],
     codes=(0, 1), stdout="0 analysed, 7 from the cache",
     check=lambda o, e: json.loads((tc / "grades.json").read_text())["students"] ==
     json.loads(before)["students"])

# --- Rubric text -----------------------------------------------------------------------------------
text = FIRST.read_text()
for label, bad, why in (("points above 2^53", text.replace("points = 30", "points = 9007199254740993", 1), "at most 1e9"),
                        ("points of 1e308", text.replace("points = 30", "points = 1e308", 1), "at most 1e9"),
                        ("a NUL in a condition",
                         text.replace('condition = "dynamics.dr <= 6', 'condition = "dynamics.dr <= 6\\u0000', 1),
                         "NUL"),
                        ("a list metric as a criterion",
                         text.replace('metric = "loudness.integrated_lufs"', 'metric = "spectrum.third_octave"', 1),
                         "one value per channel or band"),
                        ("a list metric in a condition",
                         text.replace('condition = "dynamics.clip_events > 0"', 'condition = "dynamics.dc_offset > 0"', 1),
                         "one value per channel or band")):
    p = work / f"rubric-{len(results)}-{label[:6].replace(' ', '_')}.toml"
    p.write_text(bad)
    case("broken rubric", label, [SCORE, "--check", p], codes=(2,), stderr=why)

# --- Concurrency and volume ------------------------------------------------------------------------
cc = work / "o-concurrent"
one = subprocess.Popen([str(BATCH), str(SAMPLES), "-r", str(FIRST), "-o", str(cc)], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
rc2, _, err2 = run([BATCH, SAMPLES, "-r", FIRST, "-o", cc])
rc1 = one.wait(timeout=120)
run([BATCH, SAMPLES, "-r", FIRST, "-o", work / "o-single"])


def same_pages():
    for d in sorted((work / "o-single").iterdir()):
        if d.is_dir() and not d.name.startswith("."):
            for f in ("feedback.md", "next.md"):
                if (d / f).read_text() != (cc / d.name / f).read_text():
                    return False
    return "already recorded" not in "".join(p.read_text() for p in cc.glob("*/next.md"))


entry = results.setdefault("two runs on one OUT", [0, 0])
entry[0] += 1
if rc1 in (0, 1) and rc2 in (0, 1) and same_pages():
    entry[1] += 1
else:
    failures.append(f"two runs on one OUT: exits {rc1}, {rc2}; pages differ from a single run\n{err2}")

line = run([SCORE, "-r", FIRST, "--json", "--student", "ana", GOOD])[1]
# Peak memory of the child alone: a wrapper process whose only child is mixgrade-assign. The
# growth from 200 to 20,000 copies must stay small (it was 623 MB for 20,000). Under ASan a small
# quarantine keeps freed memory from counting as growth.
MAXRSS = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]).returncode; "
          "print('maxrss=%d' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
          " sys.exit(r)")
env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":quarantine_size_mb=4").lstrip(":")


def assign_rss(copies):
    db = work / f"dup-{copies}.db"
    rc, _, err = run([sys.executable, "-c", MAXRSS, ASSIGN, "--history", db, "-"],
                     stdin=(line * copies).encode(), timeout=600)
    m = re.search(r"maxrss=(\d+)", err)
    return rc, int(m.group(1)) if m else None


rc_small, small = assign_rss(200)
rc_big, big = assign_rss(20000)
entry = results.setdefault("duplicate lines", [0, 0])
entry[0] += 1
if rc_small in (0, 1) and rc_big in (0, 1) and small and big and big - small < 100 * 1024:
    entry[1] += 1
else:
    failures.append(f"duplicate lines: exits {rc_small}, {rc_big}; peak {small} KB for 200, {big} KB "
                    "for 20,000 copies")

# Cut-short uploads in the containers libsndfile decodes quietly: the grade is withheld.
def pcm(frames=44100 * 3):
    return b"".join(struct.pack("<hh", v, v) for v, _ in sine(frames / 44100))


def aiff_bytes(data_le):
    data = b"".join(data_le[i:i + 2][::-1] for i in range(0, len(data_le), 2))  # big-endian
    frames = len(data) // 4
    rate = b"\x40\x0e\xac\x44" + b"\x00" * 6  # 44100 as an 80-bit extended float
    comm = struct.pack(">hIh", 2, frames, 16) + rate
    ssnd = struct.pack(">II", 0, 0) + data
    body = b"AIFF" + b"COMM" + struct.pack(">I", len(comm)) + comm + b"SSND" + struct.pack(">I", len(ssnd)) + ssnd
    return b"FORM" + struct.pack(">I", len(body)) + body


def w64_bytes(data):
    guid = lambda tag, tail: tag + tail
    riff = bytes.fromhex("726966662e91cf11a5d628db04c10000")
    wave_g = bytes.fromhex("77617665f3acd3118cd100c04f8edb8a")
    fmt_g = bytes.fromhex("666d7420f3acd3118cd100c04f8edb8a")
    data_g = bytes.fromhex("64617461f3acd3118cd100c04f8edb8a")
    fmt = struct.pack("<HHIIHH", 1, 2, 44100, 44100 * 4, 4, 16)
    chunks = fmt_g + struct.pack("<Q", 24 + len(fmt)) + fmt + data_g + struct.pack("<Q", 24 + len(data)) + data
    return riff + struct.pack("<Q", 16 + 8 + 16 + len(chunks)) + wave_g + chunks


def rf64_bytes(data):
    fmt = struct.pack("<HHIIHH", 1, 2, 44100, 44100 * 4, 4, 16)
    ds64_len = 28
    riff_size = 4 + 8 + ds64_len + 8 + len(fmt) + 8 + len(data)
    ds64 = struct.pack("<QQQI", riff_size, len(data), len(data) // 4, 0)
    return (b"RF64" + struct.pack("<I", 0xFFFFFFFF) + b"WAVE" + b"ds64" + struct.pack("<I", ds64_len) + ds64 +
            b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", 0xFFFFFFFF) + data)


data = pcm()
for ext, whole in (("aiff", aiff_bytes(data)), ("w64", w64_bytes(data)), ("rf64", rf64_bytes(data))):
    full = work / f"full.{ext}"
    full.write_bytes(whole)
    cut = work / f"cut.{ext}"
    cut.write_bytes(whole[: len(whole) // 2])
    case("cut-short upload", f"{ext} cut in half", [SCORE, "-r", FIRST, "--json", cut], codes=(1,),
         check=lambda o, e: json.loads(o.splitlines()[0])["withheld"] is True)
    case("cut-short upload", f"{ext} whole is not flagged", [ANALYZE, "--json", full], codes=(0,),
         check=lambda o, e: not any("truncated" in w for w in json.loads(o.splitlines()[0])["warnings"]))

# Compressed formats: libsndfile decoded a cut-short Ogg or MP3 quietly, and libmpg123 wrote its
# own lines to stderr; every stderr line must be mixgrade's own.
def own_lines(err):
    return all(line.startswith("mixgrade-") for line in err.splitlines())


for name in ("tone.ogg", "tone.opus", "tone.mp3") if AUDIO else ():
    whole = (AUDIO / name).read_bytes()
    cut = work / f"cut-{name}"
    cut.write_bytes(whole[: len(whole) * 7 // 10])
    case("cut-short upload", f"{name} cut short", [SCORE, "-r", FIRST, "--json", cut], codes=(1,),
         check=lambda o, e: json.loads(o.splitlines()[0])["withheld"] is True and own_lines(e))
    case("cut-short upload", f"{name} whole is not flagged", [ANALYZE, "--json", AUDIO / name], codes=(0,),
         check=lambda o, e: not json.loads(o.splitlines()[0])["warnings"] and e == "")
if AUDIO:
    mp3 = (AUDIO / "tone.mp3").read_bytes()
    mid = mp3.find(b"\xff\xfb", len(mp3) // 2)
    (work / "junk-inside.mp3").write_bytes(mp3[:mid] + b"\x12" * 300 + mp3[mid:])
    (work / "not-really.mp3").write_bytes(bytes(range(256)) * 20)
    (work / "id3-only.mp3").write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x10" + b"\x00" * 16 + b"\x01" * 3000)
    for bad, why in (("junk-inside.mp3", "damaged MP3: the frames break off at byte"),
                     ("not-really.mp3", "no MPEG audio frame"), ("id3-only.mp3", "no MPEG audio frame")):
        case("bad MP3", bad, [ANALYZE, work / bad, AUDIO / "tone.mp3"], codes=(3,),
             stderr=f"^mixgrade-analyze: [^\n]*{re.escape(bad)}: {why}[^\n]*\n$",
             check=lambda o, e: "tone.mp3" in o and own_lines(e))

# Temporary files a killed run left in OUT are removed by the next run (it holds OUT's lock).
stale = work / "o-stale"
(stale / "10231").mkdir(parents=True)
(stale / ".gradebook.csv.tmp-abc123").write_text("half")
(stale / "10231" / ".feedback.md.tmp-XYZ999").write_text("half")
case("interrupted run's temporaries", "left in OUT and a student folder",
     [BATCH, SAMPLES, "-r", FIRST, "-o", stale], codes=(0, 1),
     check=lambda o, e: not list(stale.rglob("*.tmp-*")))

# A reference with only dither in it builds no target.
TARGET = bin_dir / "mixgrade-target"
dither = work / "dither.wav"
write_wav(dither, [((n * 7919) % 3 - 1, (n * 104729) % 3 - 1) for n in range(44100 * 4)])
case("silent reference", "mixgrade-target build on dither", [TARGET, "build", dither, "-o", work / "t.toml"],
     codes=(2, 3), stderr="silent or nearly silent", check=lambda o, e: not (work / "t.toml").exists())

# --- What held, and must keep holding --------------------------------------------------------------
empty = work / "empty.wav"
empty.write_bytes(b"")
trunc = work / "truncated.wav"
write_wav(trunc, sine(1.0))
trunc.write_bytes(trunc.read_bytes()[:30])
nan = work / "nan.wav"
write_wav(nan, [(float("nan"), 0.1)] * 44100, float32=True)
huge = work / "huge.wav"
write_wav(huge, [(3e38, -3e38)] * 44100, float32=True)
case("huge float samples", "3e38 (read +746 LUFS)", [ANALYZE, "--json", huge, GOOD], codes=(3,),
     stderr="damaged .60 dB or more beyond full scale", stdout="okafornkechi")
denormal = work / "denormal.wav"
write_wav(denormal, [(1e-40, -1e-40)] * (44100 * 5), float32=True)
for label, path, codes, why in (("empty file", empty, (3,), "empty file"),
                                ("truncated header", trunc, (3,), "not a readable audio file|truncated"),
                                ("NaN samples", nan, (3,), "NaN|not finite|non-finite"),
                                ("a folder", work, (3,), "directory"),
                                ("/dev/null", "/dev/null", (3,), "not a regular file|empty")):
    case("held: bad audio", label, [ANALYZE, "--json", path, GOOD], codes=codes, stderr=why,
         stdout="okafornkechi")
case("held: bad audio", "denormal float samples", [ANALYZE, "--json", denormal], codes=(0, 3), timeout=60)

width = max(len(k) for k in results)
print(f"{'kind'.ljust(width)} | cases | handled")
for kind, (n, ok) in results.items():
    print(f"{kind.ljust(width)} | {n:5} | {ok:7}")
total = sum(n for n, _ in results.values())
handled = sum(ok for _, ok in results.values())
print(f"{'all'.ljust(width)} | {total:5} | {handled:7}")
for f in failures:
    print("FAIL:", f, file=sys.stderr)
if failures:
    sys.exit(1)
print("hostile: ok")
