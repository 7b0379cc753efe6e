"""After ``conv_viz.pages.preload`` and torch's own warm-up, no page imports a module for the first time.

A module imported for the first time inside a page is one that several sessions' threads may import at
the same moment on a server that has just started: the race behind "partially initialized module
'pandas'". The check runs in a fresh interpreter (this one has imported everything already): it
imports what ``app.py`` imports, then renders every page on its default and heaviest views, every tab of
the playground and both languages, and lists the modules that appeared, and whether pandas or pyarrow
was loaded at all (nothing in the app needs them; they cost ~80 MB). torch and what its calls load are
``conv_viz.reference.warm_up``'s, which the first call into torch runs under a lock (checked here, and
with threads racing for it in ``test_torch_warm_up_runs_once_while_other_threads_wait``).
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.app_pages import REPO_ROOT

# Runs in the child. AppTest first runs a trivial script: the test harness's own first-use imports
# (a server would have made them at start) are not the app's.
_PROBE = r"""
import json, sys
from streamlit.testing.v1 import AppTest
AppTest.from_string("import streamlit as st\nst.write(1)").run()

import conv_viz.pages.preload  # what app.py imports, in its order
from conv_viz.pages import backward, gallery, groups, matrix, playground, quiz, receptive_field, state, transposed  # noqa
from tests.perf.pages import CASES, app_test
from conv_viz.pages.tabs import TABS
from tests.app_pages import open_page
from conv_viz import reference

# torch is not preload's: the first call that needs it runs reference.warm_up, under its lock. Recorded here, so
# what the page imported outside it is known (a session that comes before the server's own warm-up ends).
warm_up, in_warm_up = reference.warm_up, set()
def recorded():
    known = set(sys.modules)
    warm_up()
    in_warm_up.update(set(sys.modules) - known)
reference.warm_up = recorded

before = set(sys.modules)
open_page("playground")  # what a cold server draws first needs nothing of the later warm-up
first = sorted(set(sys.modules) - before - in_warm_up)
warmed = reference._WARMED.is_set() and "torch" in in_warm_up
JVP = "torch._decomp.decompositions_for_jvp"  # what torch.func.jacfwd's first call imports
late_is_later = "conv_viz.pages.preload_late" not in sys.modules and JVP not in sys.modules
open_page("matrix")  # the one page that needs jacfwd imports the late warm-up itself, if no thread has yet
late_by_matrix = "conv_viz.pages.preload_late" in sys.modules

before = set(sys.modules)
for case in CASES:  # every page's default and heaviest views, the gallery opened, the quiz answered
    app_test(case)
pages = ("playground", "transposed", "groups", "matrix", "receptive-field", "gallery", "quiz", "backward")
views = [("playground", f"tab={tab}") for tab in TABS]
views += [(page, "lang=zh") for page in pages]
views += [("playground", "present=true"), ("transposed", "dtype=float32"), ("playground", "tab=listen&input=chirp")]
views += [("backward", "loss=mse&padding=1&padding_mode=circular&momentum=0.9"), ("backward", "lr=50&dtype=float32")]
failed = []
for page, query in views:
    fields = dict(kv.split("=", 1) for kv in query.split("&") if kv)
    tab = fields.pop("tab", None)
    at = open_page(page, tab=tab, **fields)
    if at.exception:
        failed.append(f"{page}?{query}")
heavy = sorted(name for name in ("pandas", "pyarrow") if name in sys.modules)  # loaded by anything at all
print(json.dumps({"new": sorted(set(sys.modules) - before), "first": first, "warmed": warmed, "late": [late_is_later, late_by_matrix], "failed": failed, "views": len(CASES) + len(views),
                  "heavy": heavy}))
"""


def test_no_page_imports_a_module_for_the_first_time() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=REPO_ROOT, capture_output=True, text=True, timeout=600, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["views"] > 30
    assert result["failed"] == []
    assert result["first"] == [], "the default page imported these on first use: import them in preload.py"
    assert result["warmed"], "torch was imported outside reference.warm_up, or not at all"
    assert result["late"] == [True, True], "jacfwd's first use is preload_late's, which the matrix page imports first"
    assert result["new"] == [], "imported on first use inside a page: import them in conv_viz/pages/preload*.py"
    # ~80 MB of the server's memory: st.dataframe / st.table need them, tables here are Markdown.
    assert result["heavy"] == [], "pandas/pyarrow loaded: use conv_viz.text.markdown_table, not st.dataframe/st.table"


def test_app_imports_preload_before_any_page() -> None:
    """The serialisation only works if every session's thread reaches preload before a page module."""
    import ast

    tree = ast.parse((REPO_ROOT / "app.py").read_text())
    session = next(n for n in tree.body if isinstance(n, ast.If)).orelse  # the `__main__` branch: a session's run
    ours = [
        node.names[0].name if isinstance(node, ast.Import) else node.module
        for node in session
        if isinstance(node, ast.Import | ast.ImportFrom)
        and (node.names[0].name if isinstance(node, ast.Import) else node.module or "").startswith("conv_viz")
    ]
    assert ours[0] == "conv_viz.pages.preload", ours


_RACE = r"""
import json, sys, threading
from conv_viz import reference

calls = []
gradients = reference.torch_gradients
def counted(*args, **kwargs):
    calls.append(threading.current_thread().name)
    return gradients(*args, **kwargs)
reference.torch_gradients = counted  # the warm-up's own calls come back through the module's globals

barrier, results, errors = threading.Barrier(6), [], []
def session():
    barrier.wait()  # six first calls into torch at the same instant, as a class on a cold server
    try:
        results.append(reference.torch_randn((2, 3), 7).tolist())
    except BaseException as err:
        errors.append(repr(err))
threads = [threading.Thread(target=session, name=f"s{i}") for i in range(6)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({"calls": calls, "errors": errors, "same": all(r == results[0] for r in results),
                  "n": len(results), "warmed": reference._WARMED.is_set()}))
"""


def test_torch_warm_up_runs_once_while_other_threads_wait() -> None:
    """Six threads reach torch first at once (a fresh interpreter): one runs the warm-up, the others wait for it."""
    out = subprocess.run(
        [sys.executable, "-c", _RACE], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    assert result["n"] == 6
    assert result["same"]
    assert result["warmed"]
    assert len(result["calls"]) == 1, result[
        "calls"
    ]  # the warm-up's one gradient check, in whichever thread came first
