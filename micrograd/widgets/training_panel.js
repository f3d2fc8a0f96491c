// The training panel's page (see training_panel.py): the kernel trains and sends a frame after
// a step; this draws it. The data plot with the decision boundary, the loss curve and the network
// are drawn here from the weights, so the kernel spends its time on the Values, not on pictures.
// Every picture has a name that says what it shows, every control a label, and keys typed into
// the panel stay in it (JupyterLab's notebook shortcuts skip a focused element that carries
// data-lm-suppress-shortcuts).

// the two classes: colours that stay apart with any colour vision, and shapes that do without
// it; the kernel sends the course's own (micrograd.plots.CLASS_STYLES) in `limits`
let CLASSES = {
  "1": { colour: "#0072B2", shape: "circle", name: "+1", look: "blue circles" },
  "-1": { colour: "#E69F00", shape: "square", name: "−1", look: "orange squares" },
};
const PLOT = 300; // the data plot's side, CSS pixels
const GRID = 48; // the decision boundary is measured on a GRID × GRID grid
const SVG = "http://www.w3.org/2000/svg";
const hexRgb = (hex) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
let CLASS_RGB = null; // CLASSES' colours as [r, g, b], for the shading
const shade = document.createElement("canvas"); // the decision boundary's shading, GRID × GRID

// a CSS colour as [r, g, b], whatever the theme writes it as (#fff, rgb(...), a name)
function rgb(colour) {
  const probe = document.createElement("canvas").getContext("2d");
  probe.fillStyle = colour;
  const hex = probe.fillStyle; // the canvas writes any colour back as #rrggbb (or rgba(...))
  if (hex.startsWith("#")) return hexRgb(hex);
  return hex.match(/[\d.]+/g).slice(0, 3).map(Number);
}
const ACTIVATE = {
  tanh: Math.tanh,
  relu: (n) => (n > 0 ? n : 0),
  sigmoid: (n) => 1 / (1 + Math.exp(-n)),
  linear: (n) => n,
};

// ---- the network, as micrograd's MLP computes it, on plain numbers ----------------------------

function forward(network, x) {
  let inputs = x;
  network.layers.forEach((layer, k) => {
    const act = ACTIVATE[network.activations[k]];
    inputs = layer.map((neuron) => {
      let n = neuron[neuron.length - 1]; // the bias
      for (let i = 0; i < inputs.length; i++) n += neuron[i] * inputs[i];
      return act(n);
    });
  });
  return inputs[0];
}

const rateOf = (position) => Number((10 ** (position / 10)).toPrecision(3));
const positionOf = (rate) => Math.round(10 * Math.log10(rate));
const fmtRate = (rate) => String(Number(rate.toPrecision(3)));
const fmt = (v, digits = 4) => (v === null || v === undefined ? "not a number" : v.toFixed(digits));
const signed = (v, digits = 2) => (v === null ? "not a number" : (v >= 0 ? "+" : "−") + Math.abs(v).toFixed(digits));

// ---- building the page ------------------------------------------------------------------------

function element(tag, attributes = {}, children = []) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") el.textContent = value;
    else el.setAttribute(name, value);
  }
  for (const child of children) el.append(child);
  return el;
}

function svgElement(tag, attributes = {}) {
  const el = document.createElementNS(SVG, tag);
  // a picture's parts are not read one by one: its name (aria-label) says what it shows
  if (tag !== "svg") el.setAttribute("aria-hidden", "true");
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

let panels = 0; // ids must be unique on the page: one prefix per panel

function render({ model, el }) {
  const id = `mg-panel-${++panels}`;
  const limits = model.get("limits");
  if (limits.classes) CLASSES = limits.classes;
  CLASS_RGB = { "1": hexRgb(CLASSES["1"].colour), "-1": hexRgb(CLASSES["-1"].colour) };
  const root = element("div", { class: "mg-panel micrograd-training-panel", role: "group", "aria-label": "Training panel" });
  el.append(root);

  // every control keeps its keys (no notebook shortcut fires while it has the focus)
  const keep = (control) => {
    control.setAttribute("data-lm-suppress-shortcuts", "true");
    return control;
  };
  const labelled = (text, control, readout) => {
    control.id = `${id}-${text.replace(/\W+/g, "-")}`;
    const label = element("label", { for: control.id, text });
    const parts = [label, keep(control)];
    if (readout) parts.push(readout);
    return element("div", { class: "mg-field" }, parts);
  };

  // buttons
  const playButton = keep(element("button", { class: "mg-play", type: "button", text: "Play" }));
  const stepButton = keep(element("button", { class: "mg-step", type: "button", text: "Step" }));
  const resetButton = keep(element("button", { class: "mg-reset", type: "button", text: "Reset" }));
  playButton.title = "train in the background until the last step, or until Pause";
  stepButton.title = "take one step of gradient descent";
  resetButton.title = "the seed's starting weights again, and the course's data";

  // the network and its training
  const rateSlider = element("input", {
    type: "range", class: "mg-rate", min: String(positionOf(limits.learning_rate[0])),
    max: String(positionOf(limits.learning_rate[1])), step: "1",
  });
  const rateReadout = element("output", { class: "mg-readout", "aria-hidden": "true" });
  const stepsBox = element("input", {
    type: "number", class: "mg-steps", min: "1", max: String(limits.steps[1]), step: "1",
  });
  const hiddenBox = element("input", { type: "text", class: "mg-hidden", size: "8", spellcheck: "false" });
  const activationMenu = element("select", { class: "mg-activation" },
    limits.activations.map((name) => element("option", { value: name, text: name })));
  const seedBox = element("input", {
    type: "number", class: "mg-seed", min: "0", max: String(limits.seed[1]), step: "1",
  });

  // the data
  const dataMenu = element("select", { class: "mg-dataset" },
    Object.entries(limits.datasets).map(([value, text]) => element("option", { value, text })));
  const noiseSlider = element("input", {
    type: "range", class: "mg-noise", min: String(limits.noise[0]), max: String(limits.noise[1]), step: "0.05",
  });
  const noiseReadout = element("output", { class: "mg-readout", "aria-hidden": "true" });
  const pointsSlider = element("input", {
    type: "range", class: "mg-points", min: String(limits.n_points[0]), max: String(limits.n_points[1]), step: "10",
  });
  const pointsReadout = element("output", { class: "mg-readout", "aria-hidden": "true" });
  const csvInput = element("input", { type: "file", class: "mg-csv", accept: ".csv,text/csv,text/plain" });

  // what a click on the plot does
  const modes = element("fieldset", { class: "mg-modes" }, [element("legend", { text: "A click on the plot" })]);
  const modeRadios = {};
  for (const [n, [value, text]] of Object.entries(limits.click_modes).entries()) {
    const radio = keep(element("input", { type: "radio", name: `${id}-mode`, value, id: `${id}-mode-${n}` }));
    modeRadios[value] = radio;
    modes.append(element("span", { class: "mg-mode" }, [radio, element("label", { for: radio.id, text })]));
  }

  const controls = element("div", { class: "mg-controls" }, [
    element("div", { class: "mg-row" }, [
      element("div", { class: "mg-buttons" }, [playButton, stepButton, resetButton]),
      labelled("learning rate", rateSlider, rateReadout), labelled("steps", stepsBox),
    ]),
    element("div", { class: "mg-row" }, [
      labelled("hidden layers", hiddenBox), labelled("activation", activationMenu), labelled("seed", seedBox),
    ]),
    element("div", { class: "mg-row" }, [
      labelled("data set", dataMenu), labelled("noise", noiseSlider, noiseReadout),
      labelled("points", pointsSlider, pointsReadout), labelled("CSV file", csvInput),
    ]),
    element("div", { class: "mg-row" }, [modes]),
  ]);

  // what happens: the status line, the advice, and a live region that says it to a screen reader
  const status = element("div", { class: "mg-status" });
  const advice = element("div", { class: "mg-advice", hidden: "" });
  const announce = element("div", { class: "mg-announce", role: "status", "aria-live": "polite" });

  // the pictures
  const canvas = keep(element("canvas", { class: "mg-data", tabindex: "0", role: "img" }));
  canvas.style.width = `${PLOT}px`; // and no wider than the panel (CSS): it shrinks at 200% zoom
  const dataCaption = element("p", { class: "mg-caption", id: `${id}-data-caption` });
  const keysHelp = element("p", { class: "mg-keys", id: `${id}-keys` });
  canvas.setAttribute("aria-describedby", `${id}-data-caption ${id}-keys`);
  const lossSvg = svgElement("svg", { class: "mg-loss", role: "img", viewBox: "0 0 250 190", width: "250", height: "190" });
  const lossCaption = element("p", { class: "mg-caption" });
  const netSvg = svgElement("svg", { class: "mg-network", role: "img", viewBox: "0 0 250 300", width: "250", height: "300" });
  const netCaption = element("p", { class: "mg-caption" });
  const details = element("details", { class: "mg-details", hidden: "" });
  const pictures = element("div", { class: "mg-pictures" }, [
    element("figure", { class: "mg-figure mg-figure-data" }, [canvas, dataCaption, keysHelp]),
    element("figure", { class: "mg-figure mg-figure-network" }, [netSvg, netCaption]),
    element("figure", { class: "mg-figure mg-figure-loss" }, [lossSvg, lossCaption]),
  ]);
  root.append(controls, status, advice, announce, pictures, details);

  // ---- from the kernel to the controls (what code sets, the controls show) --------------------

  const showSettings = () => {
    const rate = model.get("learning_rate");
    rateSlider.value = String(positionOf(rate));
    rateReadout.textContent = fmtRate(rate);
    rateSlider.setAttribute("aria-valuetext", fmtRate(rate));
    stepsBox.value = String(model.get("steps"));
    if (document.activeElement !== hiddenBox) hiddenBox.value = model.get("hidden");
    activationMenu.value = model.get("activation");
    seedBox.value = String(model.get("seed"));
    const dataset = model.get("dataset");
    dataMenu.value = dataset;
    const noise = model.get("noise");
    noiseSlider.value = String(noise);
    noiseReadout.textContent = noise.toFixed(2);
    noiseSlider.setAttribute("aria-valuetext", noise.toFixed(2));
    const points = model.get("n_points");
    pointsSlider.value = String(points);
    pointsReadout.textContent = String(points);
    pointsSlider.setAttribute("aria-valuetext", `${points} points`);
    const made = dataset !== "course" && dataset !== "csv";
    noiseSlider.disabled = pointsSlider.disabled = !made;
    const mode = model.get("click_mode");
    for (const [value, radio] of Object.entries(modeRadios)) radio.checked = value === mode;
    keysHelp.textContent = `On the plot: the arrow keys move a cursor (with Shift, in small steps); ` +
      `Enter ${limits.click_modes[mode].replace("the point clicked", "the point nearest the cursor")
        .replace("picks a point", "picks the point nearest the cursor")}; ` +
      `Page Up and Page Down move the cursor from point to point.`;
    draw();
  };

  // ---- from the controls to the kernel --------------------------------------------------------

  const set = (name, value) => {
    model.set(name, value);
    model.save_changes();
  };
  const send = (what) => model.send(what);

  playButton.addEventListener("click", () => send({ do: model.get("frame").state === "running" ? "pause" : "play" }));
  stepButton.addEventListener("click", () => send({ do: "step" }));
  resetButton.addEventListener("click", () => send({ do: "reset" }));
  rateSlider.addEventListener("input", () => {
    const rate = rateOf(Number(rateSlider.value));
    rateReadout.textContent = fmtRate(rate);
    rateSlider.setAttribute("aria-valuetext", fmtRate(rate));
  });
  rateSlider.addEventListener("change", () => set("learning_rate", rateOf(Number(rateSlider.value))));
  const wholeNumber = (box, name, low, high) => {
    const value = Number(box.value);
    if (box.value.trim() === "" || !Number.isInteger(value) || value < low || value > high) {
      say(`${name}: ${JSON.stringify(box.value)} is not a whole number from ${low} to ${high}; it stays ${model.get(name)}.`);
      box.value = String(model.get(name));
      return;
    }
    set(name, value);
  };
  const onChangeOrEnter = (box, use) => {  // Enter commits a typed value, as leaving the box does
    box.addEventListener("change", use);
    box.addEventListener("keydown", (event) => event.key === "Enter" && use());
  };
  onChangeOrEnter(stepsBox, () => wholeNumber(stepsBox, "steps", 1, limits.steps[1]));
  onChangeOrEnter(seedBox, () => wholeNumber(seedBox, "seed", 0, limits.seed[1]));
  onChangeOrEnter(hiddenBox, () => set("hidden", hiddenBox.value));
  activationMenu.addEventListener("change", () => set("activation", activationMenu.value));
  dataMenu.addEventListener("change", () => {
    if (dataMenu.value === "csv") {
      csvInput.click();
      dataMenu.value = model.get("dataset");
    } else set("dataset", dataMenu.value);
  });
  noiseSlider.addEventListener("input", () => {
    noiseReadout.textContent = Number(noiseSlider.value).toFixed(2);
    noiseSlider.setAttribute("aria-valuetext", Number(noiseSlider.value).toFixed(2));
  });
  noiseSlider.addEventListener("change", () => set("noise", Number(noiseSlider.value)));
  pointsSlider.addEventListener("input", () => {
    pointsReadout.textContent = pointsSlider.value;
    pointsSlider.setAttribute("aria-valuetext", `${pointsSlider.value} points`);
  });
  pointsSlider.addEventListener("change", () => set("n_points", Number(pointsSlider.value)));
  csvInput.addEventListener("change", async () => {
    const file = csvInput.files[0];
    if (file) send({ do: "csv", name: file.name, text: await file.text() });
    csvInput.value = "";
  });
  for (const [value, radio] of Object.entries(modeRadios)) {
    radio.addEventListener("change", () => radio.checked && set("click_mode", value));
  }
  const say = (text) => {
    announce.textContent = text;
  };

  // ---- the data plot: the plane, the points, the cursor ---------------------------------------

  let view = null; // {x0, x1, y0, y1}: the part of the plane the plot shows
  let cursor = null; // [x1, x2] of the keyboard's cursor, in the plane
  const toPixel = ([a, b]) => [(a - view.x0) / (view.x1 - view.x0) * PLOT, (view.y1 - b) / (view.y1 - view.y0) * PLOT];
  const toPlane = ([px, py]) => [view.x0 + px / PLOT * (view.x1 - view.x0), view.y1 - py / PLOT * (view.y1 - view.y0)];

  const fitView = (points) => {
    if (!points.length) return { x0: -1, x1: 1, y0: -1, y1: 1 };
    const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
    let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const pad = 0.12 * Math.max(x1 - x0, y1 - y0, 0.5);
    return { x0: x0 - pad, x1: x1 + pad, y0: y0 - pad, y1: y1 + pad };
  };

  const nearest = (at, within = Infinity) => {
    const points = model.get("frame").points || [];
    let best = null, distance = within;
    points.forEach((p, i) => {
      const [px, py] = toPixel(p), [qx, qy] = toPixel(at);
      const d = Math.hypot(px - qx, py - qy);
      if (d < distance) [best, distance] = [i, d];
    });
    return best;
  };

  const act = (at, byKeyboard) => {
    const mode = model.get("click_mode");
    if (mode === "add+1" || mode === "add-1") {
      send({ do: "add", x: at, label: mode === "add+1" ? 1 : -1 });
      return;
    }
    const index = nearest(at, byKeyboard ? Infinity : 12);
    if (index === null) {
      say(byKeyboard ? "There are no points." : "No point there: click on a point.");
      return;
    }
    send(mode === "remove" ? { do: "remove", index } : { do: "inspect", index });
  };

  canvas.addEventListener("click", (event) => {
    const box = canvas.getBoundingClientRect(), shrunk = PLOT / box.width; // drawn at PLOT px
    act(toPlane([(event.clientX - box.left) * shrunk, (event.clientY - box.top) * shrunk]), false);
  });
  canvas.addEventListener("keydown", (event) => {
    const points = model.get("frame").points || [];
    if (!cursor) cursor = [(view.x0 + view.x1) / 2, (view.y0 + view.y1) / 2];
    const stride = (event.shiftKey ? 0.01 : 0.05) * (view.x1 - view.x0);
    const moves = { ArrowLeft: [-stride, 0], ArrowRight: [stride, 0], ArrowUp: [0, stride], ArrowDown: [0, -stride] };
    if (event.key in moves) {
      cursor = [cursor[0] + moves[event.key][0], cursor[1] + moves[event.key][1]];
      cursor = [Math.min(view.x1, Math.max(view.x0, cursor[0])), Math.min(view.y1, Math.max(view.y0, cursor[1]))];
      say(`cursor at x1 ${cursor[0].toFixed(2)}, x2 ${cursor[1].toFixed(2)}`);
    } else if ((event.key === "PageDown" || event.key === "PageUp") && points.length) {
      const here = nearest(cursor);
      const next = (here + (event.key === "PageDown" ? 1 : points.length - 1)) % points.length;
      cursor = [points[next][0], points[next][1]];
      say(`point ${next}: x1 ${cursor[0].toFixed(2)}, x2 ${cursor[1].toFixed(2)}, class ${CLASSES[points[next][2]].name}`);
    } else if (event.key === "Enter" || event.key === " ") {
      act(cursor, true);
    } else if (event.key === "Escape") {
      send({ do: "inspect", index: null });
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    draw();
  });
  canvas.addEventListener("focus", () => draw());
  canvas.addEventListener("blur", () => draw());

  const themeColour = (name, fallback) => getComputedStyle(root).getPropertyValue(name).trim() || fallback;

  function drawData(frame) {
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== PLOT * ratio) canvas.width = canvas.height = PLOT * ratio;
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const fg = themeColour("--mg-fg", "#1f1f1f"), bg = themeColour("--mg-bg", "#ffffff");
    ctx.fillStyle = bg;
    ctx.fillRect(0, 0, PLOT, PLOT);
    const network = frame.network, points = frame.points || [];
    let wrong = [];
    if (network) {
      // the network's score on a grid: tinted by the class it predicts, darker where it is sure
      const cell = PLOT / GRID, values = [];
      for (let j = 0; j <= GRID; j++) {
        values.push([]);
        for (let i = 0; i <= GRID; i++) values[j].push(forward(network, toPlane([i * cell, j * cell])));
      }
      shade.width = shade.height = GRID;
      const image = shade.getContext("2d").createImageData(GRID, GRID), back = rgb(bg);
      for (let j = 0; j < GRID; j++) {
        for (let i = 0; i < GRID; i++) {
          const v = (values[j][i] + values[j][i + 1] + values[j + 1][i] + values[j + 1][i + 1]) / 4;
          const alpha = Number.isFinite(v) ? 0.12 + 0.3 * Math.min(1, Math.abs(Math.tanh(v))) : 0;
          const tint = CLASS_RGB[v > 0 ? "1" : "-1"], at = 4 * (j * GRID + i);
          for (let c = 0; c < 3; c++) image.data[at + c] = Math.round(alpha * tint[c] + (1 - alpha) * back[c]);
          image.data[at + 3] = 255;
        }
      }
      shade.getContext("2d").putImageData(image, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(shade, 0, 0, PLOT, PLOT);
      drawBoundary(ctx, values, cell, fg);
      wrong = points.map((p, i) => [p, i]).filter(([p]) => (forward(network, p) > 0 ? 1 : -1) !== p[2]);
    }
    for (const p of points) drawPoint(ctx, p, fg);
    ctx.lineWidth = 2;
    ctx.strokeStyle = fg;
    for (const [p] of wrong) {
      const [x, y] = toPixel(p);
      ctx.beginPath();
      ctx.arc(x, y, 9, 0, 2 * Math.PI);
      ctx.stroke();
    }
    const chosen = frame.chosen;
    if (chosen) {
      const [x, y] = toPixel(chosen.x);
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.moveTo(x - 14, y); ctx.lineTo(x - 6, y); ctx.moveTo(x + 6, y); ctx.lineTo(x + 14, y);
      ctx.moveTo(x, y - 14); ctx.lineTo(x, y - 6); ctx.moveTo(x, y + 6); ctx.lineTo(x, y + 14);
      ctx.stroke();
    }
    if (cursor && document.activeElement === canvas) {
      const [x, y] = toPixel(cursor);
      ctx.lineWidth = 1.5;
      ctx.setLineDash([3, 2]);
      ctx.strokeRect(x - 7, y - 7, 14, 14);
      ctx.setLineDash([]);
    }
    ctx.fillStyle = fg;
    ctx.font = "12px sans-serif";
    ctx.fillText(`x1 ${view.x0.toFixed(1)} to ${view.x1.toFixed(1)}, x2 ${view.y0.toFixed(1)} to ${view.y1.toFixed(1)}`, 6, PLOT - 6);
    ctx.strokeStyle = fg;
    ctx.lineWidth = 1;
    ctx.strokeRect(0.5, 0.5, PLOT - 1, PLOT - 1);
    // its text equivalent
    const count = (label) => points.filter((p) => p[2] === label).length;
    let text = `Data plot: ${points.length} points, ${count(1)} of class +1 (${CLASSES["1"].look}) and ` +
      `${count(-1)} of class −1 (${CLASSES["-1"].look}).`;
    if (network) {
      text += ` The shading shows the class the network predicts, and a line its decision boundary: ` +
        `${points.length - wrong.length} of ${points.length} points are on their class's side`;
      text += wrong.length
        ? `; the ${wrong.length} on the wrong side are ringed${wrong.length <= 5 ? ": " + wrong.map(([p, i]) => `point ${i} at (${p[0].toFixed(2)}, ${p[1].toFixed(2)})`).join(", ") : ""}.`
        : ".";
    }
    if (chosen) text += ` Point ${chosen.index} is picked, marked by a cross.`;
    canvas.setAttribute("aria-label", text);
    dataCaption.textContent = text;
  }

  function drawPoint(ctx, p, edge) {
    const [x, y] = toPixel(p), style = CLASSES[p[2]];
    ctx.fillStyle = style.colour;
    ctx.strokeStyle = edge;
    ctx.lineWidth = 1;
    ctx.beginPath();
    if (style.shape === "circle") ctx.arc(x, y, 4.5, 0, 2 * Math.PI);
    else ctx.rect(x - 4, y - 4, 8, 8);
    ctx.fill();
    ctx.stroke();
  }

  // marching squares: where the score crosses 0, between the grid's corners
  function drawBoundary(ctx, values, cell, colour) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.beginPath();
    const cross = (a, b) => (Math.abs(a - b) < 1e-12 ? 0.5 : a / (a - b));
    for (let j = 0; j < GRID; j++) {
      for (let i = 0; i < GRID; i++) {
        const c = [values[j][i], values[j][i + 1], values[j + 1][i + 1], values[j + 1][i]]; // clockwise from top left
        if (!c.every(Number.isFinite)) continue;
        const x = i * cell, y = j * cell, ends = [];
        const edges = [
          [c[0], c[1], (t) => [x + t * cell, y]],
          [c[1], c[2], (t) => [x + cell, y + t * cell]],
          [c[3], c[2], (t) => [x + t * cell, y + cell]],
          [c[0], c[3], (t) => [x, y + t * cell]],
        ];
        for (const [a, b, at] of edges) if ((a > 0) !== (b > 0)) ends.push(at(cross(a, b)));
        for (let k = 0; k + 1 < ends.length; k += 2) {
          ctx.moveTo(...ends[k]);
          ctx.lineTo(...ends[k + 1]);
        }
      }
    }
    ctx.stroke();
  }

  // ---- the loss curve --------------------------------------------------------------------------

  function drawLoss(frame) {
    lossSvg.replaceChildren();
    const losses = frame.losses || [], W = 250, H = 190, left = 46, right = 10, top = 26, bottom = 30;
    const add = (tag, attributes, text) => {
      const node = svgElement(tag, attributes);
      if (text !== undefined) node.textContent = text;
      lossSvg.append(node);
      return node;
    };
    add("text", { x: W / 2, y: 16, "text-anchor": "middle", class: "mg-title" }, "Loss at each step");
    add("line", { x1: left, y1: H - bottom, x2: W - right, y2: H - bottom, class: "mg-axis" });
    add("line", { x1: left, y1: top, x2: left, y2: H - bottom, class: "mg-axis" });
    add("text", { x: (left + W - right) / 2, y: H - 4, "text-anchor": "middle", class: "mg-label" }, "training step");
    const finite = losses.filter((v) => v !== null);
    if (!finite.length) {
      add("text", { x: (left + W) / 2, y: H / 2, "text-anchor": "middle", class: "mg-label" }, "no steps yet");
      lossCaption.textContent = "Loss curve: empty until the first step; then the loss of every step is drawn here.";
      lossSvg.setAttribute("aria-label", lossCaption.textContent);
      return;
    }
    const high = Math.max(...finite) * 1.05 || 1, last = Math.max(losses.length - 1, 1);
    const px = (k) => left + (k / last) * (W - left - right);
    const py = (v) => H - bottom - (v / high) * (H - top - bottom);
    add("text", { x: left - 4, y: top + 4, "text-anchor": "end", class: "mg-label" }, high.toFixed(2));
    add("text", { x: left - 4, y: H - bottom, "text-anchor": "end", class: "mg-label" }, "0");
    add("text", { x: W - right, y: H - bottom + 14, "text-anchor": "end", class: "mg-label" }, String(losses.length - 1));
    add("text", { x: left, y: H - bottom + 14, "text-anchor": "middle", class: "mg-label" }, "0");
    let labelled = -Infinity; // the last mark given a label: labels 60 px apart, so none overlap
    for (const [k, what] of frame.marks || []) {
      add("line", { x1: px(k), y1: top, x2: px(k), y2: H - bottom, class: "mg-mark" });
      if (px(k) - labelled < 60) continue;
      labelled = px(k);
      const right = px(k) > W / 2;
      add("text", { x: px(k) + (right ? -3 : 3), y: top + 10, "text-anchor": right ? "end" : "start", class: "mg-label" }, what);
    }
    const path = losses.map((v, k) => (v === null ? null : `${px(k).toFixed(1)},${py(v).toFixed(1)}`)).filter(Boolean);
    add("polyline", { points: path.join(" "), class: "mg-curve" });
    if (losses.length <= 12) for (const [k, v] of losses.entries()) if (v !== null) add("circle", { cx: px(k), cy: py(v), r: 3, class: "mg-dot" });
    let text = `Loss curve: ${losses.length} values, from ${fmt(losses[0])} at the start to ${fmt(losses[losses.length - 1])} now`;
    text += frame.marks && frame.marks.length
      ? `; dashed lines mark changes: ${frame.marks.map(([k, what]) => `${what} from step ${k}`).join(", ")}.`
      : ".";
    lossCaption.textContent = text;
    lossSvg.setAttribute("aria-label", text);
  }

  // ---- the network -----------------------------------------------------------------------------

  function drawNetwork(frame) {
    netSvg.replaceChildren();
    const network = frame.network;
    if (!network) {
      netCaption.textContent = "Network: none, the settings need a change.";
      netSvg.setAttribute("aria-label", netCaption.textContent);
      return;
    }
    const sizes = network.sizes, W = 250, H = 300, columns = sizes.length;
    const x = (k) => 30 + (k / (columns - 1)) * (W - 54); // room on the left for x1, x2
    const y = (k, i) => (sizes[k] === 1 ? H / 2 : 18 + (i / (sizes[k] - 1)) * (H - 36));
    const radius = Math.max(2.5, Math.min(8, (H - 36) / Math.max(...sizes) / 2.6));
    let biggest = 0;
    for (const layer of network.layers) for (const neuron of layer) for (const w of neuron.slice(0, -1)) if (w !== null) biggest = Math.max(biggest, Math.abs(w));
    let positive = 0, negative = 0, largest = null;
    const edges = svgElement("g", { class: "mg-edges" });
    network.layers.forEach((layer, k) => {
      layer.forEach((neuron, j) => {
        neuron.slice(0, -1).forEach((w, i) => {
          if (w === null) return;
          const style = w >= 0 ? CLASSES["1"] : CLASSES["-1"];
          w >= 0 ? positive++ : negative++;
          if (!largest || Math.abs(w) > Math.abs(largest.w)) largest = { w, k, i, j };
          edges.append(svgElement("line", {
            x1: x(k), y1: y(k, i), x2: x(k + 1), y2: y(k + 1, j), stroke: style.colour,
            "stroke-width": (0.4 + 3.2 * Math.abs(w) / (biggest || 1)).toFixed(2),
            "stroke-dasharray": w >= 0 ? "none" : "4 2", "stroke-opacity": "0.85",
          }));
        });
      });
    });
    netSvg.append(edges);
    const chosen = frame.chosen && frame.chosen.layers ? frame.chosen : null;
    sizes.forEach((size, k) => {
      for (let i = 0; i < size; i++) {
        const value = k === 0 ? (frame.chosen ? frame.chosen.x[i] : null) : chosen ? chosen.layers[k - 1][i].output : null;
        const node = svgElement("circle", { cx: x(k), cy: y(k, i), r: radius, class: "mg-node" });
        if (value !== null && value !== undefined && k > 0) {
          node.setAttribute("fill", CLASSES[value >= 0 ? "1" : "-1"].colour);
          node.setAttribute("fill-opacity", String(0.15 + 0.85 * Math.min(1, Math.abs(value))));
        }
        netSvg.append(node);
        if (k === 0) {
          const label = svgElement("text", { x: x(0) - radius - 3, y: y(0, i) + 4, "text-anchor": "end", class: "mg-label" });
          label.textContent = `x${i + 1}`;
          netSvg.append(label);
        }
      }
    });
    const name = (k, i) => (k === 0 ? `input x${i + 1}` : k === columns - 1 ? "the output" : `neuron ${i + 1} of layer ${k}`);
    let text = `Network ${sizes.join("-")} (${network.activations[0]}): lines are weights, blue and solid for positive ` +
      `(${positive}), orange and dashed for negative (${negative}), thicker for larger.`;
    if (largest) text += ` The largest is ${signed(largest.w)}, from ${name(largest.k, largest.i)} to ${name(largest.k + 1, largest.j)}.`;
    if (chosen) text += ` Neurons are filled by their output for point ${chosen.index}; the table lists them.`;
    netCaption.textContent = text;
    netSvg.setAttribute("aria-label", text);
    drawDetails(frame, name);
  }

  function drawDetails(frame, name) {
    const chosen = frame.chosen;
    if (!chosen) {
      details.hidden = true;
      return;
    }
    details.hidden = false;
    const open = details.open || !details.dataset.shown;
    details.dataset.shown = "yes";
    const [a, b] = chosen.x;
    const summary = element("summary", { text: `Point ${chosen.index} at (${a.toFixed(2)}, ${b.toFixed(2)}), class ${CLASSES[chosen.label].name}: every neuron` });
    const table = element("table", { class: "mg-table" }, [
      element("caption", { text: "Each neuron's output for this point, and the loss's gradient with respect to it (from a step's backward pass)" }),
      element("thead", {}, [element("tr", {}, ["neuron", "output", "gradient"].map((h) => element("th", { scope: "col", text: h })))]),
    ]);
    const body = element("tbody");
    if (chosen.layers) {
      chosen.layers.forEach((layer, k) => layer.forEach((v, i) => {
        body.append(element("tr", {}, [
          element("th", { scope: "row", text: name(k + 1, i) }),
          element("td", { text: signed(v.output, 4) }), element("td", { text: signed(v.grad, 4) }),
        ]));
      }));
    } else {
      body.append(element("tr", {}, [element("td", { colspan: "3", text: "measured at the next step" })]));
    }
    table.append(body);
    details.replaceChildren(summary, table);
    details.open = open;
  }

  // ---- a frame ---------------------------------------------------------------------------------

  let lastState = null, lastAdvice = null, lastStep = null, pending = false, shownPoints = null;
  function draw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const frame = model.get("frame");
      if (!frame || !frame.status) return;
      if (frame.points !== shownPoints) {
        view = fitView(frame.points || []);
        shownPoints = frame.points;
      }
      const running = frame.state === "running";
      playButton.textContent = running ? "Pause" : "Play";
      for (const button of [playButton, stepButton]) button.setAttribute("aria-disabled", frame.network ? "false" : "true");
      status.textContent = frame.status;
      advice.hidden = !frame.advice;
      advice.className = `mg-advice mg-advice-${frame.advice_kind || "none"}`;
      advice.textContent = frame.advice ? `${frame.advice_kind === "error" ? "✖ Problem" : "⚠ Advice"}: ${frame.advice}` : "";
      // the live region speaks when something happened, not at every step of a run
      const news = frame.state !== lastState || frame.advice !== lastAdvice || (!running && frame.step !== lastStep);
      if (news && lastState !== null) say(frame.status + (frame.advice ? ` ${frame.advice}` : ""));
      [lastState, lastAdvice, lastStep] = [frame.state, frame.advice, frame.step];
      drawData(frame);
      drawLoss(frame);
      drawNetwork(frame);
      root.dataset.state = frame.state;
      root.dataset.step = String(frame.step);
    });
  }

  const names = ["learning_rate", "steps", "hidden", "activation", "seed", "dataset", "noise", "n_points", "click_mode"];
  for (const name of names) model.on(`change:${name}`, showSettings);
  model.on("change:frame", draw);
  showSettings();
  // the canvas is painted in the theme's colours: paint it again when the theme changes
  // (JupyterLab marks its theme on <body>; elsewhere the page's colour scheme may change)
  const theme = new MutationObserver(draw);
  theme.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-light", "data-jp-theme-name", "class"] });
  const scheme = window.matchMedia("(prefers-color-scheme: dark)");
  scheme.addEventListener("change", draw);
  return () => {
    theme.disconnect();
    scheme.removeEventListener("change", draw);
    for (const name of names) model.off(`change:${name}`, showSettings);
    model.off("change:frame", draw);
  };
}

export default { render };
