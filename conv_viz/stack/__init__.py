"""A stack of layers (Conv1d, ReLU, pooling, Flatten, Linear): text grammar, shapes, breaks, receptive fields.

NumPy and the standard library only, like the engine: torch checks what is
computed here through ``conv_viz.reference``.
"""
