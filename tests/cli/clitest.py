"""What the Python CLI scenario tests (term_test.py, course_test.py) share: failing with one
line on stderr."""
import sys


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
