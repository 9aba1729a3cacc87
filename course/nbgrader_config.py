# nbgrader configuration of the dnn_course exercises (`make course` copies it into the
# course directory it builds; edit that copy for one course, this one for every course).
c = get_config()  # noqa: F821 -- nbgrader provides get_config when it reads this file

c.CourseDirectory.course_id = "dnn_course"
# What a student finds where a reference solution was; the check reports it as
# "not implemented yet".
c.ClearSolutions.code_stub = {"python": 'raise NotImplementedError("your code here")'}
# A student's infinite loop costs that test cell's points, not the whole run.
c.Execute.timeout = 60
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
