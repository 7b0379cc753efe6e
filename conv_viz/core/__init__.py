"""The convolution itself, NumPy only: parameters and torch's rules, index maps, strategies, matrix forms."""
