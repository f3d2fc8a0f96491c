// The page's half of micrograd/widgets/access.py: what ipywidgets leaves out for a keyboard and
// a screen reader, added to the controls it draws (it offers no way to set these attributes).
//
// Why it exists: in JupyterLab's command mode the notebook's shortcuts took the keys typed into
// a widget (an arrow key in a dropdown moved the cell selection, "r" turned the widget's cell
// into a raw cell and destroyed the widget); sliders had no name and announced the float that
// the page computed (0.8999999999999999) instead of the 0.90 they show; a step announced
// nothing; and a focused button that became disabled (Back at step 0) dropped the focus to the
// page's body.
//
// What it does: a course widget puts one hidden KeyboardAccess widget in its box (the element
// with class micrograd-keys). Each view of it finds that box, then
// - keys stay in the widget: a control that takes the focus gets data-lm-suppress-shortcuts.
//   JupyterLab (Lumino) matches a shortcut's selector against the focused element before it
//   looks further up for that attribute, so it must be on the focused control itself;
// - a slider's handle is named by the slider's description and says what its read-out shows,
//   and its read-out, which can be typed into, is named too;
// - elements with class micrograd-live are live regions (role=status): a screen reader reads
//   them out when they change;
// - when the focused button becomes disabled, the focus moves to the next enabled button of its
//   row (or the one before), not to the page's body.
// A MutationObserver puts the names and values back whenever ipywidgets or noUiSlider redraws.
//
// It can go when ipywidgets names its slider handles, formats aria-valuetext and keeps keys
// from JupyterLab's shortcuts by itself.

const ROOT = ".micrograd-keys";
const SUPPRESS = "data-lm-suppress-shortcuts";
const FOCUSABLE = "button, select, input, [tabindex], [contenteditable='true']";

function set(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function plain(text) {
  // the read-out's minus sign (U+2212) as "-", which every screen reader reads as minus
  return text.trim().replace(/\u2212/g, "-");
}

function describe(root) {
  for (const slider of root.querySelectorAll(".widget-slider, .jupyter-widget-slider")) {
    const label = slider.querySelector(":scope > .widget-label");
    const name = label ? label.textContent.trim() : "";
    const handle = slider.querySelector(".noUi-handle");
    const readout = slider.querySelector(".widget-readout");
    const shown = readout ? plain(readout.textContent) : "";
    if (handle && name) set(handle, "aria-label", name);
    if (handle && shown) set(handle, "aria-valuetext", shown);
    if (readout && readout.isContentEditable) {
      set(readout, "role", "textbox");
      if (name) set(readout, "aria-label", `${name} value`);
    }
  }
  for (const icon of root.querySelectorAll("button > i")) {
    set(icon, "aria-hidden", "true"); // a button is named by its word, not its icon's glyph
  }
  for (const live of root.querySelectorAll(".micrograd-live")) {
    set(live, "role", "status");
    set(live, "aria-live", "polite");
  }
}

function usable(el) {
  return el.isConnected && !el.disabled && el.offsetParent !== null;
}

function rescue(root, lost) {
  // the next enabled button of the lost control's row, else the one before it, else the first
  // control of the widget that can take the focus
  const row = lost.isConnected && lost.parentElement
    ? [...lost.parentElement.querySelectorAll(":scope > button")] : [];
  const i = row.indexOf(lost);
  const order = i < 0 ? [] : [...row.slice(i + 1), ...row.slice(0, i).reverse()];
  const target = order.find(usable)
    || [...root.querySelectorAll(FOCUSABLE)].find((el) => usable(el) && el.tabIndex >= 0);
  if (target) target.focus();
}

function watch(root) {
  let last = null; // the control that had the focus last, while the focus is in the widget

  const lostFocus = () => {
    const active = document.activeElement;
    return last && (!last.isConnected || last.disabled)
      && (active === last || active === null || active === document.body);
  };
  const check = () => {
    if (lostFocus()) rescue(root, last);
  };
  const checkLater = () => setTimeout(() => {
    check();
    if (!root.contains(document.activeElement)) last = null; // a click outside: not ours
  });
  const onFocusIn = (event) => {
    set(event.target, SUPPRESS, "true");
    last = event.target;
  };
  const onFocusOut = (event) => {
    if (event.relatedTarget && !root.contains(event.relatedTarget)) {
      last = null; // the focus went elsewhere on purpose
    } else if (!event.relatedTarget) {
      checkLater(); // to the body: a control that became disabled, or a click outside
    }
  };
  const observer = new MutationObserver(() => {
    describe(root);
    check();
  });

  describe(root);
  root.addEventListener("focusin", onFocusIn);
  root.addEventListener("focusout", onFocusOut);
  observer.observe(root, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ["aria-valuetext", "disabled", "class"],
  });
  return () => {
    observer.disconnect();
    root.removeEventListener("focusin", onFocusIn);
    root.removeEventListener("focusout", onFocusOut);
  };
}

function render({ el }) {
  // the view is put into its box after it is drawn: wait a few frames for it
  let stop = () => {};
  let frames = 0;
  let frame = requestAnimationFrame(function find() {
    const root = el.closest(ROOT);
    if (root) {
      stop = watch(root);
    } else if (frames++ < 1800) {
      frame = requestAnimationFrame(find);
    }
  });
  return () => {
    cancelAnimationFrame(frame);
    stop();
  };
}

export default { render };
