// Start loading Streamlit's Plotly chunk as soon as a page that draws a chart opens (conv_viz/pages/access.py).
//
// Streamlit fetches that chunk (4.7 MB of JavaScript) only when the first chart element arrives, and the browser
// then spends about a second parsing and running it before the chart is drawn. On a server that has just woken,
// the page's first chart waits for torch to load (a second or two): importing the chunk here, from the page's
// first element, does that second of browser work while the server is still busy, instead of after it. A module
// is evaluated once per URL, so Streamlit's own import later finds it done. The chunk's file name comes from the
// installed Streamlit (data-chunk); resolved against Streamlit's own index script, as its relative imports are.
(() => {
  const chunk = document.currentScript.dataset.chunk;
  const early = (window.__cvPlotlyEarly = window.__cvPlotlyEarly || {});
  if (!chunk || early[chunk]) return;
  const index = document.querySelector("script[type=module][src*='/static/js/index.']");
  if (!index) return;
  early[chunk] = import(new URL(chunk, index.src).href).catch(() => null);
})();
