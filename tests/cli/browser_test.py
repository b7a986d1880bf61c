#!/usr/bin/env python3
"""The pages in a real browser: Debian's chromium, headless, loads the class report and one
student page of the sample class (graded here with mixdown-for-mastering and its roster).

  * each page renders: a screenshot at a phone's width (390 px) that is not blank (many colours,
    a fair share of pixels not white), and a DOM (--dump-dom, after the inline script ran) holding
    each plot and, for the report, the student table with a link to every student's page (and the
    sort buttons the script adds);
  * no network: the pages reference no external URL (only the SVG and XLink namespace names), no
    script or style sheet by src/href, and chromium runs with every host unresolvable.

The screenshots stay in WORK_DIR for a person to look at. Without chromium the test fails when
CI=true, and is skipped (exit 77) otherwise.

Usage: browser_test.py BIN_DIR SOURCE_DIR WORK_DIR  (CTest: cli.browser.pages)
"""
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import zlib

from clitest import check, fail

bin_dir, src, work = map(pathlib.Path, sys.argv[1:4])

chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if chromium is None:
    if os.environ.get("CI") == "true":
        fail("chromium is not installed (scripts/deps installs it)")
    print("browser: skipped: chromium is not installed (scripts/deps installs it)")
    sys.exit(77)

shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
out = work / "out"
run = subprocess.run(
    [bin_dir / "mixgrade-batch", src / "samples" / "class", "--roster", src / "samples" / "roster.csv",
     "--rubric", src / "rubrics" / "mixdown-for-mastering.toml", "--assignment-name", "Mix-down",
     "--out", out, "--quiet"], capture_output=True, text=True)
check(run.returncode in (0, 1), f"mixgrade-batch exit {run.returncode}: {run.stderr}")
students = sorted(p.name for p in out.iterdir() if p.is_dir() and re.fullmatch(r"[0-9]+", p.name))
check(len(students) == 7, f"expected 7 student folders, found {students}")

# Only namespace names may look like URLs; nothing is fetched from anywhere.
ALLOWED = ('xmlns="http://www.w3.org/2000/svg"', 'xmlns:xlink="http://www.w3.org/1999/xlink"')


def check_offline(page, html):
    rest = html
    for name in ALLOWED:
        rest = rest.replace(name, "")
    for bad in ("http://", "https://", "//cdn", "<script src", "<link ", "@import", "url("):
        check(bad not in rest, f"{page.name}: references {bad!r}")
    check(re.search(r"""(src|href)=["'](?!#|[\w./-]+\.(svg|html)["'])""", rest) is None,
          f"{page.name}: a src or href that is not a local page or plot")


def browser(*args):
    # Every host unresolvable: a page that tried to fetch anything would get nothing.
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--disable-background-networking", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND",
           f"--user-data-dir={work / 'profile'}", *args]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    check(r.returncode == 0, f"chromium {args[-1]}: exit {r.returncode}: {r.stderr[-500:]}")
    return r.stdout


def png_pixels(path):
    """(width, height, rows of RGB(A) bytes) of an 8-bit RGB or RGBA PNG, chromium's kind."""
    data = path.read_bytes()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG")
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    check(depth == 8 and ctype in (2, 6), f"{path.name}: PNG colour type {ctype}, depth {depth}")
    bpp = 3 if ctype == 2 else 4
    raw, stride, rows, prev, i = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp), 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def check_screenshot(page, shot):
    browser(f"--screenshot={shot}", "--window-size=390,1200", page.as_uri())
    w, h, bpp, rows = png_pixels(shot)
    check((w, h) == (390, 1200), f"{shot.name}: {w}x{h}")
    colours, inked = set(), 0
    for row in rows:
        for x in range(0, len(row), bpp):
            px = row[x:x + 3]
            colours.add(px)
            inked += px != b"\xff\xff\xff"
    share = inked / (w * h)
    check(len(colours) >= 16, f"{shot.name}: only {len(colours)} colours: blank?")
    check(share > 0.03, f"{shot.name}: {share:.1%} of the pixels are not white: blank?")
    print(f"browser: {shot.name}: {len(colours)} colours, {share:.0%} inked")


# The student page of the first student: the three plots and the concept map.
student = out / students[1] / "index.html"
check_offline(student, student.read_text())
dom = browser("--dump-dom", student.as_uri())
for plot in ("plot-loudness", "plot-spectrum", "plot-stereo"):
    check(f'id="{plot}"' in dom, f"{student}: no {plot} in the DOM")
for section in ("criteria", "plots", "to-work-on", "concept-map", "teach-back"):
    check(f'<section id="{section}">' in dom, f"{student}: no section {section}")
check('<polyline class="short-term"' in dom, f"{student}: the loudness plot has no short-term line")
check_screenshot(student, work / "student.png")

# The class report: histogram, scatter, the student table linking every page, sorted by script.
report = out / "report.html"
check_offline(report, report.read_text())
dom = browser("--dump-dom", report.as_uri())
for plot in ("plot-histogram", "plot-scatter"):
    check(f'id="{plot}"' in dom, f"report.html: no {plot} in the DOM")
check('id="student-table"' in dom, "report.html: no student table")
for s in students:
    check(f'href="{s}/index.html"' in dom, f"report.html: no link to {s}/index.html")
check("<th scope=\"col\"><button>Student</button></th>" in dom,
      "report.html: the sort script did not run (no header buttons)")
check('<section id="needs-a-look">' in dom, "report.html: no Needs a look")
check_screenshot(report, work / "report.png")
print("browser: ok")
