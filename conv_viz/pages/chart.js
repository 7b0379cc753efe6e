// The playground's animation, drawn with plotly.js's cartesian bundle (conv_viz/pages/chart.py).
//
// Streamlit's own chart element runs the whole of plotly.js (4.7 MB) before it draws anything; scatter and
// heatmap traces need a third of it. The bundle is the app's own file (conv_viz/server/assets.py), imported
// through plotly-cartesian.mjs, whose default export is the bundle's copy of Plotly: this chart always uses that
// copy, never window.Plotly (Streamlit's charts set their own, another version). The module's URL comes in the
// payload, relative to Streamlit's index script so a base path resolves it; a module runs once per URL, and the
// page's first element has usually started this import already (plotly_early.js).
//
// Streamlit calls the default export when the element first arrives and whenever its data change (a pin, a
// rerun with another figure), not for a rerun that sends the same figure: the first call makes the chart's div,
// later ones update it in place with Plotly.react.

function loadPlotly(module) {
  const index = document.querySelector("script[type=module][src*='/static/js/index.']");
  return import(new URL(module, index ? index.src : document.baseURI).href).then((m) => m.default);
}

export default function ({ data, parentElement, setTriggerValue }) {
  let gd = parentElement.querySelector(".cv-chart");
  if (!gd) {
    gd = document.createElement("div");
    gd.className = "cv-chart";
    parentElement.appendChild(gd);
  }
  gd.__cvSetTrigger = setTriggerValue; // the click handler below is added once: it sends through the latest one
  const spec = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data)); // chart.py's bytes
  const figure = spec.figure;
  // The figure's own height, reserved before Plotly loads: the page below does not jump when it draws.
  gd.style.height = figure.layout && figure.layout.height ? figure.layout.height + "px" : "";
  let gone = false;
  loadPlotly(spec.plotly).then(
    (Plotly) => {
      if (gone && !gd.isConnected) return; // left the page before the bundle came: draw nothing, keep nothing
      gd.__cvPlotly = Plotly; // the keyboard row (keyboard_player.js) animates with the copy that drew the chart
      const failed = gd.querySelector(".cv-chart-failed");
      if (failed) failed.remove();
      return Plotly.react(gd, { data: figure.data, layout: figure.layout, frames: figure.frames || [], config: spec.config })
        .then(() => follow(gd, Plotly));
    },
    (error) => {
      // The bundle did not load: say so where the chart goes, in the page's language, as text.
      const note = gd.querySelector(".cv-chart-failed") || gd.appendChild(document.createElement("p"));
      note.className = "cv-chart-failed";
      note.setAttribute("role", "alert");
      note.textContent = spec.failed;
      console.warn(error);
    },
  );
  // Gone from the page (another page, or a view without the chart): free what Plotly and the observer hold.
  return () => {
    gone = true;
    setTimeout(() => {
      if (gd.isConnected) return;
      if (gd.__cvResize) gd.__cvResize.disconnect();
      if (gd.__cvPlotly) gd.__cvPlotly.purge(gd);
    }, 0);
  };
}

// Once per chart: a click on an output cell pins it (the cells' customdata is their output position t), and the
// chart follows its column's width, as Streamlit's chart does (a sidebar opened or closed changes it, not the
// window's).
function follow(gd, Plotly) {
  if (gd.__cvResize) return;
  gd.on("plotly_click", (event) => {
    const point = event && event.points && event.points[0];
    if (point && typeof point.customdata === "number") gd.__cvSetTrigger("pick", point.customdata);
  });
  let pending = false;
  gd.__cvResize = new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const width = gd.clientWidth;
      if (gd.isConnected && gd._fullLayout && width && width !== gd._fullLayout.width) Plotly.relayout(gd, { width });
    });
  });
  gd.__cvResize.observe(gd.parentElement);
}
