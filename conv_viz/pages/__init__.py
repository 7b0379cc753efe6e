"""Streamlit pages: read state, call the pure layers, render. The only package that imports streamlit."""

from conv_viz import malloc

# Once per server process, as the first page module loads: before the sessions' threads allocate much.
malloc.tune()
