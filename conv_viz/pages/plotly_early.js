// Start running the page's plotly.js as soon as a page that draws a chart opens (conv_viz/pages/access.py):
// Streamlit's Plotly chunk, or on the playground the app's cartesian bundle (plotly-cartesian.mjs, chart.js).
//
// Streamlit fetches its chunk (4.7 MB of JavaScript) only when the first chart element arrives, and the browser
// then spends about a second parsing and running it before the chart is drawn. On a server that has just woken,
// the page's first chart waits for torch to load (a second or two): importing it here, from the page's first
// element, does that browser work while the server is still busy, instead of after it. A module is evaluated
// once per URL, so the chart's own import later finds it done. The URL (data-chunk: the installed Streamlit's
// chunk name, or the bundle's module) is resolved against Streamlit's own index script, as its relative imports
// are.
(() => {
  const chunk = document.currentScript.dataset.chunk;
  const early = (window.__cvPlotlyEarly = window.__cvPlotlyEarly || {});
  if (!chunk || early[chunk]) return;
  const index = document.querySelector("script[type=module][src*='/static/js/index.']");
  if (!index) return;
  early[chunk] = import(new URL(chunk, index.src).href).catch(() => null);
})();
