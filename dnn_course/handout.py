"""The course's notebooks for a classroom: give each student their own copy.

    python -m dnn_course.handout copy-notebooks DEST

The walkthrough notebooks (00 to 05) and the exercises ship inside the package, so any
environment with ``dnn_course`` installed can hand them out: a JupyterHub runs this before
each student's server starts (see jupyterhub/jupyterhub_config.py). A notebook already in
DEST is never overwritten, so running it again at every login keeps the student's work and
only adds what is new.
"""

import argparse
import os
import shutil
import sys
import tempfile
from importlib.resources import files
from pathlib import Path

# notebooks/ of the repository: inside an installed wheel it is dnn_course/notebooks (package
# data, see pyproject.toml); in a checkout (or an editable install) it is beside the package.
NOTEBOOKS = files("dnn_course") / "notebooks"
if not NOTEBOOKS.is_dir():
    NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def shipped_notebooks():
    """Paths of the shipped files relative to the notebooks folder, sorted."""
    found = []
    for folder, prefix in ((NOTEBOOKS, ""), (NOTEBOOKS / "exercises", "exercises/")):
        found += [prefix + item.name for item in folder.iterdir()
                  if item.name.endswith((".ipynb", ".md"))]
    return sorted(found)


def copy_notebooks(dest):
    """Copy every shipped notebook into ``dest`` that is not there yet.

    ``dest`` is created private to its owner (mode 0700), as are the folders under it.
    Each file is written to a temporary name and renamed into place, so a failed copy
    leaves no half-written notebook. Returns (copied, kept): the relative paths written,
    and those left alone because the student already has them.
    """
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise NotADirectoryError(f"{dest} is a file: give the folder to copy the notebooks into")
    copied, kept = [], []
    for name in shipped_notebooks():
        target = dest / name
        if target.exists():
            kept.append(name)
            continue
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        part = tempfile.NamedTemporaryFile(dir=target.parent, prefix=".copying-", delete=False)
        try:  # mkstemp's file is private (0600) from the start
            with part, (NOTEBOOKS / name).open("rb") as source:
                shutil.copyfileobj(source, part)
            os.replace(part.name, target)
        except BaseException:
            Path(part.name).unlink(missing_ok=True)
            raise
        copied.append(name)
    return copied, kept


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m dnn_course.handout",
                                     description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    copy = commands.add_parser("copy-notebooks", help="copy the course's notebooks into DEST; "
                               "notebooks already there are kept")
    copy.add_argument("dest", metavar="DEST", help="folder to copy into (created if missing)")
    args = parser.parse_args(argv)
    try:
        copied, kept = copy_notebooks(args.dest)
    except OSError as error:
        parser.exit(1, f"copy-notebooks: {error}\n")
    print(f"copied {len(copied)} files into {args.dest}, kept {len(kept)} already there")


if __name__ == "__main__":
    sys.exit(main())
