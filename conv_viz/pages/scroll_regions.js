// A region that scrolls must be reachable from the keyboard (WCAG 2.1.1; axe's scrollable-region-focusable):
// Streamlit's code blocks and KaTeX's display formulas scroll sideways when a line is wider than the column (a
// phone, a long snippet) but take no focus, so arrow keys could never reveal the rest. This gives each one that
// actually overflows tabindex=0, role=region (a table keeps its role) and a name (access.py passes the labels),
// and takes them back when it fits again. One observer for the whole app; a page in another language renames.
(() => {
  const labels = JSON.parse(document.currentScript.dataset.labels);
  const SELECTORS = [
    ["[data-testid=stCode] pre", "code"],
    [".katex-display", "formula"],
    ["[data-testid=stMarkdownContainer] table", "table"],
  ];
  const state = window.__cvScrollRegions || (window.__cvScrollRegions = { labels, queued: false });
  state.labels = labels;

  function overflows(el) {
    return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
  }

  function mark() {
    state.queued = false;
    for (const [selector, kind] of SELECTORS) {
      const found = Array.from(document.querySelectorAll(selector));
      const scrolling = found.filter((el) => overflows(el) && !(el.hasAttribute("tabindex") && !el.dataset.cvScroll));
      for (const el of found) {
        const ours = el.dataset.cvScroll === "1";
        const at = scrolling.indexOf(el);
        if (at >= 0) {
          // Names must differ (axe: landmark-unique): "… (2/3)" when a page has several of a kind.
          const label = state.labels[kind];
          const name = scrolling.length > 1 ? `${label} (${at + 1}/${scrolling.length})` : label;
          el.tabIndex = 0;
          if (el.tagName !== "TABLE") el.setAttribute("role", "region"); // a table keeps its own role
          el.setAttribute("aria-label", name);
          el.dataset.cvScroll = "1";
        } else if (ours) {
          el.removeAttribute("tabindex");
          el.removeAttribute("role");
          el.removeAttribute("aria-label");
          delete el.dataset.cvScroll;
        }
      }
    }
  }

  function schedule() {
    if (state.queued) return;
    state.queued = true;
    requestAnimationFrame(mark);
  }

  if (!state.observer) {
    state.observer = new MutationObserver(schedule);
    state.observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    window.addEventListener("resize", schedule);
  }
  schedule();
})();
