// plotly.js's cartesian bundle as a module whose default export is that copy of Plotly (conv_viz/pages/chart.js).
//
// The bundle is npm's file, unchanged: a script that sets window.Plotly. Streamlit's Plotly chunk sets
// window.Plotly too, to its own copy (another version). Static imports run in order, in one go, with nothing
// in between: the old value is kept, the bundle runs, and this body takes the bundle's copy and puts the old one
// back, so each chart stays with the copy that drew it and Streamlit's charts keep theirs.
import "./plotly-before.mjs";
import "./plotly-cartesian-4.1.1.min.js";

const Plotly = window.Plotly;
if (window.__cvPlotlyBefore) window.Plotly = window.__cvPlotlyBefore;
export default Plotly;
