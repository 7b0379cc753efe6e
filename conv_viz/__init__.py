"""Conv1d Lab: every number behind torch.nn.Conv1d, computed with NumPy and checked against torch.

Layers (data flows one way): params → data → geometry → engine (+ reference,
the lazy torch cross-check) → figures → pages. Importing the package imports
nothing heavy: each layer is imported where it is used.
"""
