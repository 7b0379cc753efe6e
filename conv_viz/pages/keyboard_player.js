// Keyboard controls for the Plotly animation drawn just above them (conv_viz/pages/access.py).
//
// Plotly draws its play buttons and frame slider in SVG, which never takes keyboard focus. These are real HTML
// buttons and a range input: each one makes the very call Plotly's own control makes, read from the
// figure's layout at the moment of the key press (updatemenus[0].buttons[i].args, sliders[0].steps[i].args), so
// both sets of controls play the same frames and Plotly's slider follows these. The range input follows the
// animation in turn (plotly_animatingframe). The chart is looked up again on every action: a rerun may have
// replaced it. (No less-than sign before a letter in this file: Streamlit's HTML sanitiser drops such a script.)
(() => {
  const script = document.currentScript;
  const box = script && script.closest("[data-testid=stElementContainer]");
  const root = box && box.querySelector(".cv-keys");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "1";
  const range = root.querySelector("input[type=range]");
  const shown = root.querySelector("output");
  const live = root.querySelector("[aria-live]");
  const texts = JSON.parse(root.dataset.texts || "[]"); // "output position t = 5" for each step

  function chart() {
    for (let el = box.previousElementSibling; el; el = el.previousElementSibling) {
      const gd = el.querySelector(".js-plotly-plot");
      if (gd) return gd;
    }
    return null;
  }

  function steps(gd) {
    const sliders = (gd && gd.layout && gd.layout.sliders) || [];
    return sliders.length ? sliders[0].steps || [] : [];
  }

  function show(index) {
    const text = texts[index] !== undefined ? texts[index] : String(index);
    range.value = String(index);
    range.setAttribute("aria-valuetext", text);
    shown.textContent = text;
  }

  function follow(gd) {
    if (!gd || gd.__cvKeysFollowed || typeof gd.on !== "function") return;
    gd.__cvKeysFollowed = true;
    gd.on("plotly_animatingframe", (event) => {
      const index = steps(gd).findIndex((s) => s.args && s.args[0] && String(s.args[0][0]) === String(event.name));
      if (index >= 0) show(index);
    });
  }

  function run(args) {
    const gd = chart();
    const plotly = gd && (gd.__cvPlotly || window.Plotly); // the Plotly that drew it (conv_viz/pages/chart.js)
    if (!plotly || !args) return null;
    follow(gd);
    return plotly.animate(gd, args[0], args[1]);
  }

  root.querySelectorAll("button[data-button]").forEach((button) => {
    button.addEventListener("click", () => {
      const gd = chart();
      const menus = (gd && gd.layout && gd.layout.updatemenus) || [];
      const spec = menus.length ? (menus[0].buttons || [])[Number(button.dataset.button)] : null;
      if (spec && spec.method === "animate") run(spec.args);
    });
  });

  range.addEventListener("input", () => {
    const gd = chart();
    const index = Number(range.value);
    const step = steps(gd)[index];
    if (!step || step.method !== "animate") return;
    show(index);
    const done = run(step.args);
    if (done && live) {
      // The frame's title (the cell and its value) for a screen reader, once Plotly has drawn it.
      done.then(() => {
        const title = gd.querySelector(".gtitle");
        live.textContent = title ? title.textContent : "";
      });
    }
  });

  root.addEventListener("focusin", () => follow(chart()));
  follow(chart());
})();
