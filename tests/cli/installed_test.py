#!/usr/bin/env python3
"""The installed layout, as `cmake --install` (and so the Debian package) lays it out:

  * every tool runs from PREFIX/bin in a folder outside the source tree (--help, --version);
  * the tools find the installed course PREFIX/share/mixgrade/rubrics: --check, a rubric given by
    name (--rubric first-mix), and a class run whose gradebook equals the build tree's;
  * the man pages are where `man` looks (MANPATH=PREFIX/share/man) and render;
  * the bash completions load (`complete -p`), complete options and subcommands, and name every
    option --help names (they are generated from the same definitions); the zsh completions
    parse and register with compinit.

Usage: installed_test.py BUILD_DIR SOURCE_DIR WORK_DIR  (CTest: cli.installed)
"""
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys

from clitest import check, fail

build, src, work = (pathlib.Path(a).resolve() for a in sys.argv[1:4])
shutil.rmtree(work, ignore_errors=True)
prefix, elsewhere = work / "prefix", work / "elsewhere"
elsewhere.mkdir(parents=True)


def run(*args, code=0, cwd=elsewhere, env=None):
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd,
                       env=env, timeout=300)
    if code is not None and p.returncode != code:
        fail(f"{' '.join(map(str, args))}: exit {p.returncode}, wanted {code}: {p.stderr.strip()}")
    return p


run("cmake", "--install", build, "--prefix", prefix)
tools = sorted(p.name for p in (prefix / "bin").iterdir())
check(len(tools) >= 9 and all(t.startswith("mixgrade-") for t in tools), f"installed: {tools}")
subcommands = {"mixgrade-batch": ["merge"], "mixgrade-assign": ["simulate"],
               "mixgrade-target": ["build", "check"]}

# --- Every tool runs from the prefix, away from the source tree. -------------------------------
for tool in tools:
    p = run(prefix / "bin" / tool, "--help")
    check(p.stdout.strip() and "--help" in p.stdout, f"{tool} --help: {p.stdout[:200]}")
    p = run(prefix / "bin" / tool, "--version")
    check(p.stdout.startswith(tool + " "), f"{tool} --version: {p.stdout}")

# --- The installed course. ---------------------------------------------------------------------
course = prefix / "share" / "mixgrade" / "rubrics"
p = run(prefix / "bin" / "mixgrade-score", "--check", course / "first-mix.toml")
check(": ok: first-mix" in p.stdout, f"--check: {p.stdout}")
run(prefix / "bin" / "mixgrade-assign", "--check")
p = run(prefix / "bin" / "mixgrade-score", "--rubric", "first-mix", "--json",
        src / "samples" / "class" / "okafornkechi_10231_50011_mix.flac")
check('"rubric"' in p.stdout and "first-mix" in p.stdout, f"--rubric first-mix: {p.stdout[:200]}")
shutil.copytree(src / "samples" / "class", elsewhere / "class")
for name, bin_dir, rubric in (("installed", prefix / "bin", "first-mix"),
                              ("built", build, src / "rubrics" / "first-mix.toml")):
    p = run(bin_dir / "mixgrade-batch", "class", "--rubric", rubric, "--roster",
            src / "samples" / "roster.csv", "--out", name, "--now", "1764000000", code=None)
    check(p.returncode in (0, 1), f"{name} class run: exit {p.returncode}: {p.stderr}")
for output in ("gradebook.csv", "gradebook-moodle.csv"):
    check((elsewhere / "installed" / output).read_bytes() == (elsewhere / "built" / output).read_bytes(),
          f"{output}: the installed tools disagree with the build tree's")

# --- Man pages where man looks. ----------------------------------------------------------------
if shutil.which("man"):
    env = dict(os.environ, MANPATH=str(prefix / "share" / "man"), MANPAGER="cat", MANWIDTH="100")
    for tool in tools:
        p = run("man", "-w", tool, env=env)
        check(p.stdout.strip() == str(prefix / "share" / "man" / "man1" / f"{tool}.1.gz"),
              f"man -w {tool}: {p.stdout}")
    p = run("man", "mixgrade-batch", env=env)
    check("--rubric" in p.stdout and "--jobs" in p.stdout, f"man mixgrade-batch: {p.stdout[:300]}")
else:
    print("installed: man pages not checked: man is not installed (scripts/deps installs man-db)")

# --- Completions. ------------------------------------------------------------------------------
bash_dir = prefix / "share" / "bash-completion" / "completions"
zsh_dir = prefix / "share" / "zsh" / "vendor-completions"


def complete(tool, words):
    """What the installed bash completion offers for the command line `tool words...`."""
    script = (f"source {bash_dir / tool}; complete -p {tool}; "
              f"COMP_WORDS=({tool} {' '.join(map(shlex.quote, words))}); COMP_CWORD={len(words)}; "
              f"$(complete -p {tool} | sed 's/.*-F \\([^ ]*\\).*/\\1/'); "
              'for w in "${COMPREPLY[@]}"; do printf "%s\\n" "$w"; done')
    p = run("bash", "--norc", "-c", script)
    lines = p.stdout.splitlines()
    check(lines and re.match(rf"complete .*-F _{tool.replace('-', '_')} {tool}$", lines[0]),
          f"{tool}: complete -p: {lines[:1]}")
    return lines[1:]


def help_options(*args):
    """The options --help lists: its lines "  -o,--out DIR  ..." (not the examples below)."""
    names = set()
    for line in run(*args, "--help").stdout.splitlines():
        m = re.match(r"^  ((?:-[\w-]+,)*-[\w-]+)(?: |$)", line)
        if m:
            names.update(m.group(1).split(","))
    return names


for tool in tools:
    check((bash_dir / tool).is_file() and (zsh_dir / f"_{tool}").is_file(), f"{tool}: no completion")
    offered = set(complete(tool, ["--"]))
    offered |= set(complete(tool, ["-"]))
    missing = sorted(o for o in help_options(prefix / "bin" / tool) if o not in offered)
    check(not missing, f"{tool}: --help names options the completion lacks: {missing}")
    for sub in subcommands.get(tool, []):
        check(sub in complete(tool, [sub[:2]]), f"{tool}: subcommand {sub} not completed")
        sub_offered = set(complete(tool, [sub, "--"])) | set(complete(tool, [sub, "-"]))
        sub_wanted = help_options(prefix / "bin" / tool, sub)
        sub_missing = sorted(o for o in sub_wanted if o not in sub_offered)
        check(not sub_missing, f"{tool} {sub}: options not completed: {sub_missing}")
# An option that takes a file completes file names; one that takes a number offers none.
(elsewhere / "r.toml").write_text("")
check(complete("mixgrade-batch", ["--rubric", "r."]) == ["r.toml"], "--rubric should complete files")
check(complete("mixgrade-batch", ["--jobs", ""]) == [], "--jobs should offer no file names")
check(complete("mixgrade-batch", ["merge", "--ro"]) == ["--roster"], "merge --ro")

if shutil.which("zsh"):
    for tool in tools:
        run("zsh", "-n", zsh_dir / f"_{tool}")
    p = run("zsh", "-f", "-c",
            f"fpath=({zsh_dir} $fpath); autoload -Uz compinit; compinit -u -d {work}/zcompdump; "
            f"for t in {' '.join(tools)}; do print -r -- \"$t=${{_comps[$t]}}\"; done")
    for line in p.stdout.splitlines():
        tool, function = line.split("=", 1)
        check(function == f"_{tool}", f"zsh compinit: {tool} -> {function!r}")
else:
    print("installed: zsh completions not checked: zsh is not installed (scripts/deps installs it)")

print("installed: ok")
