// Remembers the page's window.Plotly (Streamlit's full plotly.js, if another chart has loaded it) before the
// cartesian bundle sets its own: plotly-cartesian.mjs imports this module first (conv_viz/server/assets.py).
window.__cvPlotlyBefore = window.Plotly;
