"""Plotly figure builders: arrays and geometry in, ``go.Figure`` out; never ``st.*``.

Figures are assembled as plain dicts and wrapped once in ``go.Figure``:
building hundreds of ``go.Frame`` objects validates each one and costs a
noticeable part of a rerun, while a dict figure is checked once.
"""
