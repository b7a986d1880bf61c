#!/usr/bin/env python3
"""The tools run from anywhere, as an instructor runs them from a course folder of their own:

  * a shipped rubric copied into a folder outside the course (no concepts.toml beside it)
    validates against the course the tool finds, and still finds its target curve;
  * an executable in an installed layout (PREFIX/bin, PREFIX/share/mixgrade/rubrics) finds the
    installed course from any working folder; one with no course anywhere says, in one line,
    where it looked and to pass --course DIR;
  * mixgrade-assign refuses to wait on a terminal (exit 2, one line);
  * --show and --list read a history and never create one;
  * --list names every student in a history (text and --json).

Usage: course_test.py BIN_DIR SOURCE_DIR WORK_DIR  (CTest: cli.course)
"""
import json
import os
import pathlib
import pty
import shutil
import subprocess
import sys

from clitest import check, fail

bin_dir, src, work = map(pathlib.Path, sys.argv[1:4])
SCORE, ASSIGN = bin_dir / "mixgrade-score", bin_dir / "mixgrade-assign"
RUBRICS = src / "rubrics"
GOOD = src / "samples" / "class" / "okafornkechi_10231_50011_mix.flac"
DULL = src / "samples" / "class" / "haddadomar_10236_50016_mix_v2.wav"


def run(*args, cwd, stdin=subprocess.DEVNULL, code=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd,
                       stdin=stdin, env=env)
    if code is not None and p.returncode != code:
        fail(f"{' '.join(map(str, args))} (in {cwd}) exited {p.returncode}, not {code}:\n"
             f"{p.stdout}{p.stderr}")
    return p


def one_line(p, pattern, what):
    lines = p.stderr.splitlines()
    check(len(lines) == 1, f"{what}: expected one line on stderr, got {lines}")
    check(pattern in lines[0], f"{what}: '{pattern}' not in '{lines[0]}'")


shutil.rmtree(work, ignore_errors=True)
# Outside the source tree, so that no parent of the working folder holds rubrics/.
home = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / f"mixgrade-course-test-{os.getpid()}"
shutil.rmtree(home, ignore_errors=True)
home.mkdir(parents=True)
work.mkdir(parents=True)
try:
    # --- A copied rubric in the instructor's own folder. --------------------------------------
    mine = home / "my-course"
    mine.mkdir()
    shutil.copy(RUBRICS / "mixdown-for-mastering.toml", mine / "mix.toml")
    p = run(SCORE, "--check", "mix.toml", cwd=mine, code=0)
    check("mix.toml: ok: mixdown-for-mastering" in p.stdout, f"copied rubric: {p.stdout}")
    check("sample-song-reference.toml" in p.stdout,
          f"the copied rubric should still find its target in the course: {p.stdout}")
    # It grades with the course's target: the dull mix misses the curve, the good mix meets it.
    for audio, status in ((GOOD, "pass"), (DULL, "fail")):
        p = run(SCORE, "-r", "mix.toml", "--json", audio, cwd=mine)
        record = json.loads(p.stdout)
        target = [c for c in record["criteria"] if c["id"] == "target_curve"][0]
        check(target["status"] == status, f"{audio.name}: target_curve {target['status']}")
    # --target on the command line wins over the rubric's own; --from-json with it is a usage error.
    flat = home / "flat.toml"
    p = run(bin_dir / "mixgrade-target", "build", DULL, "-o", flat, cwd=home, code=0)
    p = run(SCORE, "-r", "mix.toml", "--json", "--target", flat, DULL, cwd=mine)
    target = [c for c in json.loads(p.stdout)["criteria"] if c["id"] == "target_curve"][0]
    check(target["status"] == "pass", f"--target should replace the rubric's: {target}")
    p = run(SCORE, "-r", "mix.toml", "--target", flat, "--from-json", "-", cwd=mine, code=2)
    one_line(p, "--from-json", "--target with --from-json")
    # A rubric naming a target that is nowhere: one line at the key.
    (mine / "lost.toml").write_text((mine / "mix.toml").read_text().replace(
        "targets/sample-song-reference.toml", "targets/nowhere.toml"))
    p = run(SCORE, "--check", "lost.toml", cwd=mine, code=2)
    one_line(p, 'lost.toml:', "missing target")
    check("targets/nowhere.toml" in p.stderr, p.stderr)
    p = run(ASSIGN, "--check", cwd=mine, code=0)

    # --- Installed layout: PREFIX/bin and PREFIX/share/mixgrade/rubrics. ----------------------
    prefix = home / "prefix"
    (prefix / "bin").mkdir(parents=True)
    for tool in ("mixgrade-score", "mixgrade-assign"):
        shutil.copy(bin_dir / tool, prefix / "bin" / tool)
    p = run(prefix / "bin" / "mixgrade-score", "--check", "mix.toml", cwd=mine, code=2)
    one_line(p, "pass --course DIR", "no course anywhere")
    check(str(prefix / "share" / "mixgrade" / "rubrics") in p.stderr,
          f"the message should name the installed location it looked in: {p.stderr}")
    p = run(prefix / "bin" / "mixgrade-assign", "--check", cwd=mine, code=2)
    one_line(p, "pass --course DIR", "assign with no course anywhere")
    shutil.copytree(RUBRICS, prefix / "share" / "mixgrade" / "rubrics")
    p = run(prefix / "bin" / "mixgrade-score", "--check", "mix.toml", cwd=mine, code=0)
    p = run(prefix / "bin" / "mixgrade-assign", "--check", cwd=mine, code=0)
    p = run(prefix / "bin" / "mixgrade-score", "--check", "--course", RUBRICS, "mix.toml",
            cwd=mine, code=0)

    # --- mixgrade-assign never waits on a terminal. ------------------------------------------
    leader, follower = pty.openpty()
    try:
        p = subprocess.run([str(ASSIGN), "--history", str(home / "tty.db")], stdin=follower,
                           capture_output=True, text=True, cwd=mine, timeout=20)
    finally:
        os.close(leader)
        os.close(follower)
    check(p.returncode == 2, f"assign on a terminal exited {p.returncode}")
    one_line(p, "no input", "assign on a terminal")
    check(not (home / "tty.db").exists(), "assign on a terminal created a history")

    # --- Read-only commands never create a database. -----------------------------------------
    for args in (["--show", "ana"], ["--list"], ["--list", "--json"]):
        p = run(ASSIGN, "--history", "misspelt.db", *args, cwd=mine, code=2)
        one_line(p, "misspelt.db: no such history", f"{args} on a missing history")
        check(not (mine / "misspelt.db").exists(), f"{args} created misspelt.db")

    # --- --list: every student in a history. -------------------------------------------------
    db = home / "course.db"
    passes = {"ana": 0, "ben": 0}
    for student, audio in (("ana", GOOD), ("ben", DULL), ("ana", DULL)):
        score = run(SCORE, "-r", "mix.toml", "--json", "--student", student, audio, cwd=mine)
        passes[student] += json.loads(score.stdout)["passed"]
        p = subprocess.run([str(ASSIGN), "--history", str(db), "--now", "1764000000"],
                           input=score.stdout, capture_output=True, text=True, cwd=mine)
        check(p.returncode in (0, 1), f"assign {student}: {p.returncode} {p.stderr}")
    before = db.stat().st_mtime_ns
    p = run(ASSIGN, "--history", db, "--list", cwd=mine, code=0)
    rows = [line.split("\t") for line in p.stdout.splitlines()]
    check(rows[0][:3] == ["student", "attempts", "passed"], f"--list header: {rows[0]}")
    check([r[0] for r in rows[1:]] == ["ana", "ben"], f"--list students: {rows}")
    check(rows[1][1] == "2" and rows[2][1] == "1", f"--list attempts: {rows}")
    p = run(ASSIGN, "--history", db, "--list", "--json", cwd=mine, code=0)
    listed = [json.loads(line) for line in p.stdout.splitlines()]
    check([j["student"] for j in listed] == ["ana", "ben"], f"--list --json: {listed}")
    check(listed[0]["attempts"] == 2 and listed[0]["passed"] == passes["ana"], f"ana: {listed[0]}")
    check(rows[1][2] == str(passes["ana"]), f"--list passed: {rows}")
    check(listed[1]["last_file"] == str(DULL) or listed[1]["last_file"].endswith(DULL.name),
          f"ben's last file: {listed[1]}")
    check(all(j["next_assignment"] for j in listed), f"each student has a next step: {listed}")
    check(db.stat().st_mtime_ns == before, "--list wrote to the history")
finally:
    shutil.rmtree(home, ignore_errors=True)
print("course: ok")
