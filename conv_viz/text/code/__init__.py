"""Code a learner pastes into a notebook: one module per page that shows code, built from ``write``.

``write`` is the one way to write the pieces every snippet shares (the imports, a
tensor literal, the ``nn.Conv1d(...)`` call, ``F.pad`` for a causal or padded
layer); ``conv`` (the playground's PyTorch and NumPy), ``matrix``, ``stack``,
``groups``, ``transposed`` and ``quiz`` assemble them. Text only (NumPy, the core,
data and stack; no torch): the tests execute the snippets and compare with torch.
"""
