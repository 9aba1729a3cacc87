# nbgrader configuration of the dnn_course exercises (`make course` copies it into the
# course directory it builds; edit that copy for one course, this one for every course).
c = get_config()  # noqa: F821 -- nbgrader provides get_config when it reads this file

c.CourseDirectory.course_id = "dnn_course"
# What a student finds where a reference solution was; the check reports it as
# "not implemented yet".
c.ClearSolutions.code_stub = {"python": 'raise NotImplementedError("your code here")'}
# Autograded notebooks hold the submitted code with its grades: the instructors' only
# (nbgrader's default, 444, is readable by everyone; the course folder is 0700 as well).
c.Autograde.permissions = 400
# For the commands that still run notebooks in a kernel (`nbgrader validate`); autograde
# does not (below).
c.Execute.timeout = 60

# The grade is computed outside the student's kernel: GradeFromSource runs in place of
# nbgrader's Execute, grading each function from the submitted source in a sandbox of its
# own (docs/grading.md says why and what it defends against).
from nbconvert.preprocessors import ClearMetadataPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties,
    CheckCellMetadata,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
)

from dnn_course.check.autograde import GradeFromSource  # noqa: E402

c.Autograde.autograde_preprocessors = [GradeFromSource, IgnorePattern,
                                       ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
                                       AssignLatePenalties, CheckCellMetadata]

# Feedback pages typeset their equations with the MathJax of this environment (the
# jupyter-server-mathjax package), not a CDN's: they read the same offline. The address is a
# file on this machine, so open feedback here (from the course folder), not from another host.
from pathlib import Path  # noqa: E402

import jupyter_server_mathjax  # noqa: E402
import nbgrader  # noqa: E402

import dnn_course.check  # noqa: E402

MATHJAX = (Path(jupyter_server_mathjax.__file__).parent / "static" / "MathJax.js").as_uri()
c.HTMLExporter.template_name = "dnn_course_feedback"  # nbgrader's "feedback" + that MathJax
c.HTMLExporter.extra_template_basedirs = [
    str(Path(dnn_course.check.__file__).parent / "templates"),
    str(Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates")]
c.HTMLExporter.filters = {
    "local_mathjax_url": lambda _: MATHJAX + "?config=TeX-AMS-MML_HTMLorMML-full,Safe"}
