#!/usr/bin/env python3
"""A term of one course, as an instructor runs it: three weekly mixgrade-batch runs of a small
class made from the sample mixes, with

  week 1  five first hand-ins, graded under rubric v1 (which has a threshold bug);
  week 2  the instructor fixes the rubric (v2) and re-grades week 1's folder: a regrade, never a
          second attempt; then week 2's hand-ins: a late file, a mono mix, a resubmission;
  week 3  a cut-off upload, a marks CSV for the manual criterion (mix balance, judged by ear)
          and an override with a reason.

What it asserts:
  * the history equals the history of grading each attempt once under its final rubric (a second
    database built that way, compared student by student with `mixgrade-assign --show --json`);
  * every exported number (gradebook.csv, gradebook-moodle.csv, grades.json, junit.xml,
    Gradescope results.json) equals the number on the student's own page (feedback.md);
  * the cut-off upload is withheld (blank gradebook cells) and listed under "Needs a look";
  * the override's reason is in the class summary and in the history.

Usage: term_test.py BIN_DIR SOURCE_DIR VALIDATORS_DIR WORK_DIR  (CTest: cli.term)
"""
import csv
import datetime
import json
import os
import pathlib
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET

from clitest import check, fail

bin_dir, src, validators, work = map(pathlib.Path, sys.argv[1:5])
BATCH = bin_dir / "mixgrade-batch"
ASSIGN = bin_dir / "mixgrade-assign"
SAMPLES = src / "samples" / "class"
WEEK = 7 * 24 * 3600
T1 = 1764000000  # 2025-11-24T16:00:00Z
T2, T3 = T1 + WEEK, T1 + 2 * WEEK


def run(*args, ok=(0, 1, 3)):
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if p.returncode not in ok:
        fail(f"{' '.join(map(str, args))} exited {p.returncode}:\n{p.stderr}")
    return p


shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)

# --- The course: the shipped mix-down rubric, copied into the instructor's own folder, with a
# manual mix-balance criterion. v1 has a bug (loudness window shifted 6 LU too loud); v2 fixes it.
course = work / "course"
course.mkdir()
base = (src / "rubrics" / "mixdown-for-mastering.toml").read_text()
check('version = ' in base, "the shipped rubric has no version line")
if "manual = true" not in base:
    base += """
[[criteria]]
id = "balance"
title = "Mix balance"
manual = true
points = 10
concept = "mix_balance"
[criteria.feedback]
pass = "Balanced by ear."
"""


def rubric_version(version, text):
    return re.sub(r'^version = .*$', f'version = "{version}"', text, count=1, flags=re.M)


term = base.replace('id = "mixdown-for-mastering"', 'id = "term-mix"')
# v1's bug: the peak-to-loudness ratio asks for 12 dB, which no mix of the class reaches.
plr = re.compile(r'(id = "dynamics_plr"(?:\n(?!\[\[).*)*?\nmin = )9\.0')
check(plr.search(term), "the shipped rubric's PLR criterion has no 'min = 9.0' line")
(course / "mix-v1.toml").write_text(rubric_version("term-1", plr.sub(r"\g<1>12.0", term, count=1)))
(course / "mix.toml").write_text(rubric_version("term-2", term))

# --- The class: five students, Canvas download names: name_userid_submissionid_file.ext
students = {
    "ada": ("okafornkechi_10231_50011_mix.flac", 201),
    "ben": ("brennanliam_10232_50012_final_mix.wav", 202),
    "cyd": ("chenwei_10233_50013_mix.flac", 203),
    "dov": ("ivanovanna_10237_50017_master.flac", 204),
    "eve": ("dialloamara_10234_50014_mixdown.flac", 205),
}
roster = work / "roster.csv"
with roster.open("w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section"])
    for name, (_, uid) in students.items():
        w.writerow([f"{name.title()}, Term", uid, f"S{uid}", name, "Lab A"])


def hand_in(folder, name, source, sub_id, when, late=False):
    """Copies SOURCE into FOLDER under its Canvas name, handed in (mtime) at WHEN."""
    uid = students[name][1]
    target = folder / f"{name}term{'_LATE' if late else ''}_{uid}_{sub_id}_mix{source.suffix}"
    shutil.copyfile(source, target)
    os.utime(target, (when, when))
    return target


def sox(*args):
    run("sox", "-R", *args, ok=(0,))


DUE1, DUE2, DUE3 = T1 - 3600, T2 - 3600, T3 - 3600  # each week's deadline, an hour before the run
week1 = work / "week1"
week1.mkdir()
for i, (name, (file, _)) in enumerate(students.items()):
    hand_in(week1, name, SAMPLES / file, 60000 + i, DUE1 - 86400)

week2 = work / "week2"
week2.mkdir()
good = SAMPLES / students["ada"][0]
hand_in(week2, "ben", good, 61001, DUE2 - 86400)                     # ben fixed his clipping
mono = work / "mono.flac"
sox(str(good), str(mono), "remix", "1,2")
hand_in(week2, "eve", mono, 61002, DUE2 - 86400)                     # eve bounced mono
louder = work / "louder.flac"
sox(str(SAMPLES / students["cyd"][0]), str(louder), "gain", "6")
hand_in(week2, "cyd", louder, 61003, DUE2 + 2 * 86400 - 600, late=True)  # two days late

week3 = work / "week3"
week3.mkdir()
full = work / "full.wav"
sox(str(good), "-b", "24", str(full))
data = full.read_bytes()
cut = work / "cut.wav"
cut.write_bytes(data[: len(data) // 3])  # the header promises three times what is there
hand_in(week3, "ada", cut, 62001, DUE3 - 86400)
hand_in(week3, "dov", good, 62002, DUE3 - 86400)

marks = work / "marks.csv"
marks.write_text("student,criterion,points,comment\n"
                 "201,balance,9,Vocal and drums sit well together.\n"
                 "204,balance,4,The bass drowns the vocal in the chorus.\n")
overrides = work / "overrides.csv"
REASON = "Handed in the right file by e-mail on time; graded by ear."
overrides.write_text(f"student,criterion,points,reason\n204,,60,{REASON}\n")

common = ["--roster", roster, "--concepts", src / "rubrics" / "concepts.toml",
          "--rubrics", src / "rubrics", "--late-per-day", 10, "--late-cap", 30]
WEEKS = {1: (week1, DUE1, T1, []), 2: (week2, DUE2, T2, []),
         3: (week3, DUE3, T3, ["--marks", marks, "--overrides", overrides])}


def iso(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ")


def batch(week, rubric, out, history, when=None, *extra):
    folder, due, t, inputs = WEEKS[week]
    return run(BATCH, folder, "--rubric", rubric, "--out", out, "--history", history,
               "--now", when or t, "--due", iso(due), *common, *inputs, *extra)


# --- The term as it happened.
db = work / "term.db"
batch(1, course / "mix-v1.toml", work / "out1", db)
r = batch(1, course / "mix.toml", work / "out1-regraded", db, T2)   # the fix, a week later
said = r.stdout + r.stderr
check(re.search(r"\b5 regrades\b", said), f"the week-1 regrade does not say 5 regrades:\n{said}")
batch(2, course / "mix.toml", work / "out2", db)
batch(3, course / "mix.toml", work / "out3", db)

# --- The same attempts, each graded once under the final rubric.
ref = work / "reference.db"
for week in WEEKS:
    batch(week, course / "mix.toml", work / f"ref{week}", ref)


def shown(history, key):
    p = run(ASSIGN, "--history", history, "--show", key, "--json", "--rubrics", src / "rubrics",
            ok=(0,))
    return json.loads(p.stdout)


def without_audit(state):
    """The state as grading once would leave it: superseded gradings are the audit trail, and row
    ids are the database's own (a regrade's row is a new one)."""
    if isinstance(state, dict):
        return {k: without_audit(v) for k, v in state.items()
                if k not in ("superseded", "audit", "regrades", "id")}
    if isinstance(state, list):
        return [without_audit(v) for v in state]
    return state


for name, (_, uid) in students.items():
    a, b = shown(db, str(uid)), shown(ref, str(uid))
    check(without_audit(a) == without_audit(b),
          f"student {uid}: the history after the regrade differs from grading each attempt once "
          f"under v2:\n{json.dumps(a, indent=1)}\n---\n{json.dumps(b, indent=1)}")

# The regrade changed week 1's grades (v1's PLR bug), and the audit trail keeps v1.
v1 = json.loads((work / "out1" / "grades.json").read_text())
v2 = json.loads((work / "out1-regraded" / "grades.json").read_text())
check(any(a["score"] != b["score"] for a, b in zip(v1["students"], v2["students"])),
      "the v1 PLR bug changed no grade: the regrade proves nothing")
with sqlite3.connect(db) as con:
    kept = con.execute("SELECT rubric_version, superseded_at FROM submissions "
                       "WHERE superseded_by IS NOT NULL").fetchall()
check(len(kept) == 5 and all(v == "term-1" and t == T2 for v, t in kept),
      f"the audit trail should keep the 5 v1 gradings, superseded at the regrade: {kept}")

# --- One set of numbers: every export equals the student's page.
PAGE_SCORE = re.compile(r"^\*\*(?:Passed|Below the pass mark)\.\*\* ([0-9.]+) / ([0-9.]+) points",
                        re.M)


def page_score(text):
    m = PAGE_SCORE.search(text)
    return (float(m.group(1)), float(m.group(2))) if m else None


def close(a, b, what):
    check(a is not None and abs(float(a) - b) < 0.051, f"{what}: {a!r} != the page's {b}")


def exports_agree(out):
    """Every number the run exports for a student equals the one on the student's page."""
    grades = {row["key"]: row for row in json.loads((out / "grades.json").read_text())["students"]}
    with (out / "gradebook.csv").open(newline="") as f:
        canvas = {row[1]: row for row in csv.reader(f) if len(row) > 1}
    with (out / "gradebook-moodle.csv").open(newline="") as f:
        moodle = {row["ID number"]: row for row in csv.DictReader(f)}
    suites = {}
    for suite in ET.parse(out / "junit.xml").getroot().iter("testsuite"):
        props = {p.get("name"): p.get("value") for p in suite.iter("property")}
        suites[props.get("student_key")] = props
    pages = sorted(p.parent for p in out.glob("*/feedback.md"))
    check(len(pages) == len(grades), f"{out.name}: {len(pages)} pages for {len(grades)} students")
    seen = 0
    for folder in pages:
        key, text = folder.name, (folder / "feedback.md").read_text()
        result = json.loads((folder / "result.json").read_text())
        row, cell = grades[key], canvas[key][-1]
        mcell = moodle[f"S{key}"]["Grade"]
        if result.get("withheld"):
            check(page_score(text) is None, f"{out.name}/{key}: a withheld grade has a score")
            check(cell == "" and mcell == "", f"{out.name}/{key}: withheld, yet the gradebook "
                                              f"has {cell!r} / Moodle {mcell!r}")
            continue
        ps = page_score(text)
        check(ps is not None, f"{out.name}/{key}: no score line on the page")
        score, total = ps
        where = f"{out.name}/{key}"
        close(result["score"], score, f"{where} result.json")
        close(result["max_score"], total, f"{where} result.json max")
        close(row["score"], score, f"{where} grades.json")
        close(cell, score, f"{where} gradebook.csv")
        close(mcell, score, f"{where} gradebook-moodle.csv")
        close(suites[key]["score"], score, f"{where} junit.xml")
        close(suites[key]["max_score"], total, f"{where} junit.xml max")
        adds = sum(c["points"] for c in result["criteria"]) + \
            sum(a["points"] for a in result.get("adjustments", []))
        close(adds, score, f"{where} criteria + adjustments")
        seen += 1
    # Canvas: one Points Possible row, the rubric's total.
    possible = [r for k, r in canvas.items() if r[0].strip() == "Points Possible"]
    check(len(possible) == 1, f"{out.name}: {len(possible)} Points Possible rows")
    return seen


for out in ("out1", "out1-regraded", "out2", "out3"):
    check(exports_agree(work / out) > 0, f"{out}: no graded page")


def page(out, uid):
    return (work / out / str(uid) / "feedback.md").read_text()


def result(out, uid):
    return json.loads((work / out / str(uid) / "result.json").read_text())


# --- The late file: a penalty on the page and in the record; the mono mix: scaled, not punished.
late = [a for a in result("out2", 203).get("adjustments", []) if a["kind"] == "late"]
check(len(late) == 1 and late[0]["points"] < 0, f"cyd's late file has no late penalty: {late}")
check("late" in page("out2", 203).lower(), "the late penalty is not on cyd's page")
mono_r = result("out2", 205)
check(any(c["status"] == "not_applicable" or c.get("value") is None for c in mono_r["criteria"])
      or any(a["kind"] == "scaled" for a in mono_r.get("adjustments", [])),
      "eve's mono mix: no criterion was not applicable")
check(mono_r["max_score"] == result("out2", 202)["max_score"], "a mono mix has another maximum")

# --- Week 3: the cut-off upload is withheld and listed; the marks and override count.
cut_r = result("out3", 201)
check(cut_r.get("withheld") is True, "the cut-off upload's grade is not withheld")
check(any(w["kind"] == "cut_off" for w in cut_r.get("warnings", [])), "no cut-off warning")
summary3 = (work / "out3" / "summary.md").read_text()
check("Needs a look" in summary3 and "201" in summary3.split("Needs a look", 1)[1] or
      "Ada, Term" in summary3.split("Needs a look", 1)[1],
      "the cut-off upload is not under 'Needs a look'")
check(REASON in summary3, "the override's reason is not in the class summary")
dov = result("out3", 204)
check(abs(dov["score"] - 60) < 0.01, f"the override set dov's total to 60, got {dov['score']}")
balance = next(c for c in dov["criteria"] if c["id"] == "balance")
check(balance["points"] == 4 and "drowns the vocal" in page("out3", 204),
      "the manual mark or its comment is missing")
with sqlite3.connect(db) as con:
    history = "\n".join(con.iterdump())
check(REASON in history, "the override's reason is not in the history")
check(summary3.count("| 1 | #") == 1, "the withheld grade is counted in the score distribution")

# --- Gradescope: one submission, the same score as its page in the class run, valid results.
gs = work / "gs"
(gs / "submission").mkdir(parents=True)
shutil.copyfile(week2 / next(p.name for p in week2.iterdir() if p.name.startswith("ben")),
                gs / "submission" / "mix.flac")
run(BATCH, "--gradescope", "--rubric", course / "mix.toml", "--concepts",
    src / "rubrics" / "concepts.toml", "--gradescope-submission", gs / "submission",
    "--gradescope-results", gs / "results.json")
results = json.loads((gs / "results.json").read_text())
schema = validators / "gradescope-results.schema.json"
if schema.exists():
    import jsonschema
    jsonschema.validate(results, json.loads(schema.read_text()))
close(results["score"], page_score(page("out2", 202))[0], "Gradescope score")
close(sum(t["score"] for t in results["tests"]), results["score"], "Gradescope tests' sum")
print("term: ok")
