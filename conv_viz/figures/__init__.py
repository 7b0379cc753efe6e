"""Plotly figure builders: arrays and geometry in, ``go.Figure`` out; never ``st.*``.

Figures are assembled as plain dicts and wrapped once by ``wrap.figure``, without
Plotly's validation: validating the playground's animation (a dozen frames)
took about half of a rerun's server time, and the app's figures are checked
once, by the tests, which validate every figure every page sends
(``tests/test_figures_valid.py``).
"""
