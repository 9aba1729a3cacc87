"""What grading costs per student, and what the feedback looks like: a real nbgrader run.

    python -m benchmarks.grading [--students 10] [--screenshot docs/grading_feedback.png]

Builds the nbgrader course from course/source/ in a temporary folder (as `make course`
does), hands in --students submissions of each assignment (the reference solutions, and
the classic mistakes of tests/graded_students.py in turn), then times `nbgrader autograde`
and `nbgrader generate_feedback` for all of them: wall time, and the CPU time of nbgrader
and the kernels it starts (user + sys of the child processes). With --screenshot, the
feedback page of the student who left out 1/m in dW is rendered by Chromium (Debian's
/usr/bin/chromium, or $CHROMIUM, driven by Playwright) at 1280x800, at linear_backward's
answer and grade cell.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the sample submissions live with the tests
import graded_students  # noqa: E402

from course.build_nbgrader import assignments, build, nbgrader  # noqa: E402
from tests.support import chromium  # noqa: E402
from tests.support.jupyter_sandbox import isolate  # noqa: E402

SHOWN = ("no_1_over_m", "02_backward", "linear_backward")  # student, assignment, function


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def hand_in(course, release, count):
    """``count`` submissions per assignment; return {assignment: [students]}."""
    handed = {}
    for assignment in assignments():
        released = nbformat.read(release / f"{assignment}.ipynb", as_version=4)
        pool = graded_students.students_of(assignment)
        handed[assignment] = [f"{pool[i % len(pool)]}-{i}" for i in range(count)]
        if assignment == SHOWN[1]:
            handed[assignment][-1] = SHOWN[0]
        for student in handed[assignment]:
            folder = course / "submitted" / student / assignment
            folder.mkdir(parents=True)
            nb = graded_students.submission(released, student.rsplit("-", 1)[0])
            nbformat.write(nb, folder / f"{assignment}.ipynb")
    return handed


def timed(course, *args):
    wall, cpu = time.perf_counter(), children_cpu()
    nbgrader(course, *args)
    return time.perf_counter() - wall, children_cpu() - cpu


def screenshot(page_path, target):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)  # offline: MathJax comes from the environment
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(page_path.as_uri(), wait_until="load")
        # the student's answer at the top, its grade cell under it
        page.evaluate(f"document.getElementsByName('comment-{SHOWN[2]}')[0].scrollIntoView()")
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target))
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10)
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    isolate()
    print(f"load average at the start: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="dnn_course_grading_") as folder:
        course, release = Path(folder) / "course", Path(folder) / "release"
        release.mkdir()
        build(course, release_to=release)
        handed = hand_in(course, release, args.students)
        print("| assignment | step | students | wall s | CPU s | wall s per student "
              "| CPU s per student |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for assignment, students in handed.items():
            for step in ("autograde", "generate_feedback"):
                wall, cpu = timed(course, step, assignment, "--force")
                n = len(students)
                print(f"| {assignment} | {step} | {n} | {wall:.1f} | {cpu:.1f} | "
                      f"{wall / n:.2f} | {cpu / n:.2f} |")
        if args.screenshot:
            page = course / "feedback" / SHOWN[0] / SHOWN[1] / f"{SHOWN[1]}.html"
            screenshot(page, args.screenshot)
            print(f"screenshot of {SHOWN[0]}'s feedback: {args.screenshot}")


if __name__ == "__main__":
    main()
