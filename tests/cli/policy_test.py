#!/usr/bin/env python3
"""The adaptive policy as an instructor dry-runs it, and its catalogue check:

  * mixgrade-assign --check fails (exit 2, one line naming the assignment) when an assignment's
    rubric has no criterion for its concept, and passes on the shipped course;
  * mixgrade-assign simulate on the shipped course, 24 students with one or two weak concepts:
    mean weeks to mastery at most 1.25x the oracle's, every first step aims at a weak concept,
    the two students with no weak concept get no worked example or practice, every assignment
    issued gave evidence; the same seed gives the same term, another seed meets the same goals;
  * with --minutes-per-week 40 no worked example or practice issued is longer than 40 minutes;
  * the real pipeline, mixgrade-score --from-json | mixgrade-assign: a course-entry hand-in whose
    only miss is stereo gets the stereo worked example first, and a clean one gets a challenge;
  * a class run (mixgrade-batch, folders layout, real sample audio): week 0 with course-entry,
    week 1 with the rubric each student was given; a student's explain.md is read, scored for the
    assignment's concept and shown on the page, nobody else gets it; --minutes-per-week 40 keeps
    every worked example and practice within 40 minutes.

Usage: policy_test.py BIN_DIR SOURCE_DIR WORK_DIR  (CTest: cli.policy)
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys

from clitest import check, fail

bin_dir, src, work = map(pathlib.Path, sys.argv[1:4])
SCORE, ASSIGN = bin_dir / "mixgrade-score", bin_dir / "mixgrade-assign"
RUBRICS = src / "rubrics"


def run(*args, stdin=None, code=None):
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True, input=stdin)
    if code is not None and p.returncode != code:
        fail(f"{' '.join(map(str, args))} exited {p.returncode}, not {code}:\n{p.stdout}{p.stderr}")
    return p


shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)

# --check: the shipped course passes; a copy whose mix-balance practice 3 is graded by a rubric
# without a mix-balance criterion fails, naming it.
run(ASSIGN, "--check", "--course", RUBRICS, code=0)
course = work / "course"
shutil.copytree(RUBRICS, course)
mb = course / "assignments" / "mix_balance.toml"
text = mb.read_text()
head, tail = text.split('id = "mix-balance-practice-3"', 1)
tail = tail.replace('rubric = "first-mix"', 'rubric = "mixdown-for-mastering"', 1)
mb.write_text(head + 'id = "mix-balance-practice-3"' + tail)
p = run(ASSIGN, "--check", "--course", course, code=2)
lines = [l for l in p.stderr.splitlines() if l.strip()]
check(len(lines) == 1, f"one line expected:\n{p.stderr}")
check("mix-balance-practice-3" in lines[0] and "gives no evidence" in lines[0] and
      "mixdown-for-mastering" in lines[0], lines[0])


def simulate(*extra):
    p = run(ASSIGN, "simulate", "--course", RUBRICS, "--students", 24, "--weeks", 12, "--json",
            *extra)
    try:
        return p.returncode, json.loads(p.stdout)
    except json.JSONDecodeError:
        fail(f"simulate --json printed no JSON:\n{p.stdout}{p.stderr}")


for seed in (1, 7):
    rc, r = simulate("--seed", seed, "--max-ratio", 1.25)
    check(rc == 0, f"seed {seed}: goals missed (exit {rc}): {json.dumps(r)[:2000]}")
    check(r["students"] == 24 and r["controls"] == 2, r)
    check(r["policy_over_oracle"] <= 1.25, f"seed {seed}: ratio {r['policy_over_oracle']}")
    check(r["mean_weeks"]["policy"] < r["mean_weeks"]["random"], r["mean_weeks"])
    check(r["first_step_hits"] == 24, f"seed {seed}: first steps {r['first_step_hits']}/24")
    check(r["remedial_for_controls"] == 0, r)
    check(r["no_evidence"] == {}, r["no_evidence"])
    for s in r["per_student"]:
        if len(s["weak"]) == 1:
            first = s["steps"][0]
            check(first["concept"] == s["weak"][0], f"{s['id']}: first step {first}")
        if not s["weak"]:
            kinds = {st["kind"] for st in s["steps"]}
            check(not kinds & {"practice", "worked_example"}, f"{s['id']}: {kinds}")
    # Deterministic: the same seed gives the same term.
    check(simulate("--seed", seed, "--max-ratio", 1.25)[1] == r, f"seed {seed} is not reproducible")

# The text form names the baselines and the goals.
p = run(ASSIGN, "simulate", "--course", RUBRICS, "--students", 24, code=0)
for needle in ("policy  oracle  random", "policy / oracle:", "First next step aims at a weak",
               "Students with no weak concept: 0", "gave no evidence of their concept: none"):
    check(needle in p.stdout, f"'{needle}' not in:\n{p.stdout}")

# Pacing: 40 minutes a week.
rc, r = simulate("--seed", 1, "--minutes-per-week", 40)
check(r["minutes_per_week"] == 40, r)
for s in r["per_student"]:
    for st in s["steps"]:
        if st["kind"] in ("practice", "worked_example"):
            check(st["minutes"] <= 40, f"{s['id']} week {st['week']}: {st}")

# The real pipeline: an analysis line for course-entry that misses only stereo.
def entry_analysis(stereo_ok):
    return {
        "file": "entry.wav",
        "dynamics": {"clip_events": 0},
        "spectrum": {"tilt_db_per_oct": -3.0},
        "loudness": {"plr_db": 11.0, "integrated_lufs": -14.0, "true_peak_dbtp": -1.5},
        "stereo": {"correlation": 0.5 if stereo_ok else -0.6,
                   "bands": {"low": {"side_to_mid_db": -25.0 if stereo_ok else 3.0}}},
    }


marks = work / "marks.csv"
marks.write_text("student,criterion,points\nana,mix_balance,15\nbo,mix_balance,15\n")
for student, ok, expect_kind, expect_concept in (("ana", False, "worked_example", "stereo_imaging"),
                                                 ("bo", True, "challenge", None)):
    line = json.dumps(entry_analysis(ok)) + "\n"
    scored = run(SCORE, "--rubric", RUBRICS / "course-entry.toml", "--from-json", "-", "--json",
                 "--student", student, "--marks", marks, stdin=line)
    check(scored.returncode in (0, 1), scored.stderr)
    p = run(ASSIGN, "--course", RUBRICS, "--history", work / "h.db", "--now", 1764000000,
            "--json", stdin=scored.stdout)
    check(p.returncode in (0, 1), p.stderr)
    nxt = json.loads(p.stdout)["next"]
    check(nxt["kind"] == expect_kind, f"{student}: {nxt}")
    if expect_concept:
        check(nxt["concept"] == expect_concept, f"{student}: {nxt}")

# A class run over two weeks, real audio.
BATCH = bin_dir / "mixgrade-batch"
SAMPLES = src / "samples" / "class"
history = work / "class.db"
week_marks = work / "class-marks.csv"
week_marks.write_text("student,criterion,points\nana,mix_balance,15\nbo,mix_balance,15\n")


def class_week(n, rubric, files, explain=None):
    sub = work / f"class-week{n}"
    shutil.rmtree(sub, ignore_errors=True)
    for student, name in files.items():
        (sub / student).mkdir(parents=True)
        shutil.copy(SAMPLES / name, sub / student / name)
    if explain:
        (sub / "ana" / "explain.md").write_text(explain)
    marks = ["--marks", week_marks] if rubric == "course-entry" else []
    p = run(BATCH, sub, "--layout", "folders", "--rubric", RUBRICS / f"{rubric}.toml",
            "--out", work / f"class-out{n}", "--history", history, "--now",
            1764000000 + n * 604800, "--minutes-per-week", 40, *marks)
    check(p.returncode in (0, 1), f"week {n}: exit {p.returncode}\n{p.stderr}")
    return work / f"class-out{n}"


out0 = class_week(0, "course-entry", {"ana": "dialloamara_10234_50014_mixdown.flac",
                                      "bo": "okafornkechi_10231_50011_mix.flac"})
given = {}
for student in ("ana", "bo"):
    nxt = json.loads((out0 / student / "next.json").read_text())["next"]
    given[student] = nxt
    if nxt["kind"] in ("worked_example", "practice"):
        check(nxt["estimated_minutes"] <= 40, f"{student}: {nxt}")
check(given["ana"]["concept"] == "stereo_imaging", given["ana"])
check(given["bo"]["kind"] not in ("worked_example", "practice"), given["bo"])
check(given["ana"]["rubric"] == "mixdown-for-mastering", given["ana"])
out1 = class_week(1, "mixdown-for-mastering", {"ana": "okafornkechi_10231_50011_mix.flac"},
                  explain="I made the bass mono below 150 Hz; the correlation meter reads 1.00 now "
                          "and the side signal of the low band is far under the mid.")
page = (out1 / "ana" / "feedback.md").read_text()
check("## Teach it back" in page and "explain.md" in page, page)
tb = json.loads((out1 / "ana" / "next.json").read_text())["submissions"][-1]["teach_back"]
check(tb["concept"] == "stereo_imaging" and tb["counts"], tb)

print("policy: ok")
