"""Streamlit pages: read state, call the pure layers, render. The only package that imports streamlit."""
