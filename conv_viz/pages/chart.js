// The playground's animation, drawn with plotly.js's cartesian bundle (conv_viz/pages/chart.py).
//
// Streamlit's own chart element runs the whole of plotly.js (4.7 MB) before it draws anything; scatter and
// heatmap traces need a third of it. The bundle is the app's own file (conv_viz/server/assets.py); its URL comes
// in the payload, relative to Streamlit's index script so a base path resolves it. A module runs once per URL:
// the page's first element has usually started this import already (plotly_early.js). The bundle sets
// window.Plotly; Streamlit's full plotly.js, where another page loaded it, does the same, and either draws this
// figure (one version of plotly.js, the one the Python package writes for).
//
// Streamlit calls the default export on every run that sends the element: the first call makes the chart's div,
// later ones update it in place with Plotly.react (a pin or a rerun redraws without a flash).

function loadPlotly(bundle) {
  const index = document.querySelector("script[type=module][src*='/static/js/index.']");
  return import(new URL(bundle, index ? index.src : document.baseURI).href).then(() => window.Plotly);
}

export default function ({ data, parentElement, setTriggerValue }) {
  let gd = parentElement.querySelector(".cv-chart");
  if (!gd) {
    gd = document.createElement("div");
    gd.className = "cv-chart";
    parentElement.appendChild(gd);
  }
  const spec = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data)); // chart.py's bytes
  const figure = spec.figure;
  // The figure's own height, reserved before Plotly loads: the page below does not jump when it draws.
  gd.style.height = figure.layout && figure.layout.height ? figure.layout.height + "px" : "";
  loadPlotly(spec.bundle).then((Plotly) => {
    gd.__cvPlotly = Plotly; // the keyboard row (keyboard_player.js) animates with the Plotly that drew the chart
    const config = Object.assign({ responsive: true }, spec.config);
    return Plotly.react(gd, { data: figure.data, layout: figure.layout, frames: figure.frames || [], config });
  }, (error) => {
    gd.textContent = spec.failed; // the bundle did not load: say so, in the page's language, where the chart goes
    gd.setAttribute("role", "alert");
    throw error;
  }).then(() => {
    if (gd.__cvPick) return;
    gd.__cvPick = true;
    // A click on an output cell pins it: the cells' customdata is their output position t.
    gd.on("plotly_click", (event) => {
      const point = event && event.points && event.points[0];
      if (point && typeof point.customdata === "number") setTriggerValue("pick", point.customdata);
    });
  });
  // Gone from the page (another page, or a view without the chart): free Plotly's listeners on the window.
  return () =>
    setTimeout(() => {
      if (!gd.isConnected && gd.__cvPlotly) gd.__cvPlotly.purge(gd);
    }, 0);
}
