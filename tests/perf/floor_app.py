"""The benchmark's floor: an empty Streamlit page with one Plotly chart, timed like the app in the same run.

What no page of the app can beat on this machine: Streamlit's and Plotly's JavaScript to load, one
websocket run, one chart drawn. ``make bench`` prints the app's latencies as ratios to this page's.
"""

import plotly.graph_objects as go
import streamlit as st

st.title("Floor")
st.plotly_chart(go.Figure(go.Scatter(x=[0, 1, 2], y=[0, 1, 0])), config={"displayModeBar": False})
