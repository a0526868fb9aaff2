// The what-if page: knobs from /api/knobs, every change sent to /api/whatif (one request at a
// time; changes made meanwhile go together in the next), the answer shown beside the base.
"use strict";
(function () {
  const T = JSON.parse(document.getElementById("texts").textContent);
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k.startsWith("data-")) e.setAttribute(k, v);
      else e[k] = v;
    }
    for (const c of children) e.append(c);
    return e;
  };

  // State: the changes (path → YAML text), the risks left out, the scenarios switched on.
  const state = {
    changes: new Map(),
    off: new Set(),
    scenarios: new Set(),
    info: null,
    knobs: new Map(), // path → knob
    inflight: false,
    pending: false,
    since: null, // when the first change not yet shown was made
    runs: 0,
    lastSent: null,
  };
  const page = { latencies: [], view: null, request: null, failure: null };
  window.weerstand = page;

  // An amount never breaks after its euro sign.
  const nb = (text) => String(text).replace(/€ /g, "€\u00a0").replace(/ \/ /g, "\u00a0/ ");

  // Numbers in the reader's format, as the terminal writes them.
  function group(digits) {
    let out = "";
    for (let i = 0; i < digits.length; i++) {
      if (i > 0 && (digits.length - i) % 3 === 0) out += T.thousands;
      out += digits[i];
    }
    return out;
  }
  function number(x, decimals) {
    const neg = x < 0;
    const fixed = Math.abs(x).toFixed(decimals);
    const [whole, frac] = fixed.split(".");
    let s = group(whole);
    if (frac !== undefined) s += T.decimal + frac;
    if (neg && /[1-9]/.test(fixed)) s = "-" + s;
    return s;
  }
  function trimmed(x, decimals) {
    let s = number(x, decimals);
    if (s.includes(T.decimal)) s = s.replace(/0+$/, "").replace(new RegExp("\\" + T.decimal + "$"), "");
    return s;
  }
  function shown(knob, v) {
    switch (knob.unit) {
      case "euro": return "€ " + number(v * knob.per, 0);
      case "percent": return trimmed(v, 2) + "%";
      case "probability": return trimmed(v * 100, 2) + "%";
      default: return trimmed(v, 3);
    }
  }
  // What a knob sends: a probability as a percentage (`63%`), anything else as the number.
  function yamlValue(knob, v) {
    if (knob.unit === "probability") return String(Math.round(v * 1e6) / 1e4) + "%";
    return String(v);
  }
  // The value as the input shows it: probabilities in percent.
  const toInput = (knob, v) => (knob.unit === "probability" ? Math.round(v * 1e6) / 1e4 : v);
  const fromInput = (knob, x) => (knob.unit === "probability" ? x / 100 : x);

  function setChange(knob, value) {
    // A path replaces any change above or below it (a single percentage replaces its range).
    for (const p of [...state.changes.keys()]) {
      if (p !== knob.path && (p.startsWith(knob.path + ".") || knob.path.startsWith(p + "."))) {
        state.changes.delete(p);
        syncKnob(p);
      }
    }
    if (value === null || value === knob.value) state.changes.delete(knob.path);
    else state.changes.set(knob.path, yamlValue(knob, value));
    syncKnob(knob.path);
    changed();
  }

  // Shows a knob's current value (changed or the register's) in its inputs.
  function syncKnob(path) {
    const knob = state.knobs.get(path);
    if (!knob) return;
    const box = document.querySelector(`.knob[data-knob="${CSS.escape(path)}"]`);
    if (!box) return;
    const text = state.changes.get(path);
    const value = text === undefined ? knob.value : currentValue(knob, text);
    box.classList.toggle("changed", text !== undefined);
    for (const input of box.querySelectorAll("input")) {
      if (document.activeElement !== input) input.value = toInput(knob, value);
    }
    box.querySelector(".shown").textContent = shown(knob, value);
    const risk = box.closest(".risk");
    if (risk) markRisk(risk);
    const group = box.closest("details.group");
    if (group) group.classList.toggle("changed", group.querySelector(".knob.changed") !== null);
  }
  function currentValue(knob, text) {
    if (knob.unit === "probability") return parseFloat(text) / 100;
    return parseFloat(text);
  }

  function knobView(knob) {
    const box = el("div", { class: "knob", "data-knob": knob.path });
    const id = "k-" + knob.path.replace(/[^A-Za-z0-9_-]/g, "_");
    box.append(el("label", { htmlFor: id }, knob.label));
    const row = el("div", { class: "row" });
    const inputs = [];
    if (knob.slider) {
      const [min, max, step] = knob.slider;
      const range = el("input", { type: "range", "data-path": knob.path, "data-role": "slider" });
      range.min = toInput(knob, min);
      range.max = toInput(knob, Math.max(max, knob.value));
      range.step = toInput(knob, step);
      range.setAttribute("aria-label", knob.label);
      inputs.push(range);
      row.append(range);
    }
    const box2 = el("input", { type: "number", id, "data-path": knob.path, "data-role": "value" });
    box2.step = "any";
    inputs.push(box2);
    row.append(box2);
    if (knob.unit === "euro" && knob.per !== 1) row.append(el("span", { class: "unit" }, T.unitOf + number(knob.per, 0)));
    if (knob.unit === "percent" || knob.unit === "probability") row.append(el("span", { class: "unit" }, "%"));
    row.append(el("span", { class: "shown" }, knob.shown));
    const reset = el("button", { type: "button", class: "reset", title: T.reset, textContent: "↺" });
    reset.setAttribute("aria-label", T.reset);
    reset.addEventListener("click", () => setChange(knob, null));
    row.append(reset);
    box.append(row);
    const was = el("div", { class: "was" }, `${T.register}: ${knob.shown}` + (knob.note ? ` (${knob.note})` : ""));
    box.append(was);
    for (const input of inputs) {
      input.value = toInput(knob, knob.value);
      const take = () => {
        const x = parseFloat(input.value);
        if (Number.isFinite(x)) setChange(knob, fromInput(knob, x));
      };
      input.addEventListener("input", take);
      input.addEventListener("change", take);
    }
    state.knobs.set(knob.path, knob);
    return box;
  }

  function markRisk(risk) {
    const id = risk.dataset.risk;
    const changed = [...state.changes.keys()].some((p) => p.startsWith(`risks.${id}.`) || p.startsWith(`risks[${id}].`));
    risk.classList.toggle("changed", changed || state.off.has(id));
    risk.classList.toggle("off", state.off.has(id));
  }

  let showAll = false;
  function filterRisks() {
    const q = $("search").value.trim().toLowerCase();
    for (const r of document.querySelectorAll(".risk")) {
      const match = q ? r.dataset.text.includes(q) : showAll || r.dataset.top === "1";
      r.hidden = !match;
    }
    $("show-all").textContent = showAll ? T.showTop : T.showAll;
  }

  function renderKnobs(info) {
    const k = info.knobs;
    $("heading").textContent = `${T.heading} — ${info.organisation}`;
    $("subtitle").textContent = `${info.register} · seed ${info.seed} · ${number(info.iterations, 0)} ${T.iterations}`;
    $("levers-title").textContent = T.levers;
    $("levers-note").textContent = T.leversNote;
    $("reserve-title").textContent = T.reserve;
    $("scenarios-title").textContent = T.scenarios;
    $("risks-title").textContent = T.risks;
    $("top-note").textContent = T.topNote;
    $("search").placeholder = T.search;
    // A driver's amounts per year fold together under its name.
    const groups = new Map();
    for (const knob of k.levers) {
      if (!knob.group) {
        $("levers").append(knobView(knob));
        continue;
      }
      if (!groups.has(knob.group)) {
        const d = el("details", { class: "group" }, el("summary", {}, knob.group));
        groups.set(knob.group, d);
        $("levers").append(d);
      }
      groups.get(knob.group).append(knobView(knob));
    }
    for (const knob of k.reserve) $("reserve").append(knobView(knob));
    if (k.scenarios.length === 0) $("scenarios").append(el("p", { class: "note" }, T.noScenarios));
    k.scenarios.forEach((s, i) => {
      const box = el("input", { type: "checkbox", "data-scenario": String(i) });
      box.addEventListener("change", () => {
        if (box.checked) state.scenarios.add(i);
        else state.scenarios.delete(i);
        changed();
      });
      const label = el("label", { class: "toggle" }, box, " " + s.name);
      label.append(el("small", {}, s.changes.join("; ")));
      $("scenarios").append(label);
    });
    for (const risk of k.risks) {
      const off = el("input", { type: "checkbox", "data-off": risk.id, title: T.offTitle });
      const summary = el("summary", {}, el("span", { class: "id" }, risk.id), " " + risk.title + " ", el("span", { class: "worst" }, nb(`(${risk.worst_years} ${T.worstYears})`)));
      const details = el("details", { class: "risk", "data-risk": risk.id, "data-top": risk.top ? "1" : "0", "data-text": `${risk.id} ${risk.title} ${risk.category}`.toLowerCase() }, summary);
      const offLabel = el("label", { class: "toggle" }, off, " " + T.off + " — " + T.offTitle.toLowerCase());
      off.addEventListener("change", () => {
        if (off.checked) state.off.add(risk.id);
        else state.off.delete(risk.id);
        markRisk(details);
        changed();
      });
      details.append(offLabel);
      for (const f of risk.fields) details.append(knobView(f));
      $("risks").append(details);
    }
    $("show-all").addEventListener("click", () => {
      showAll = !showAll;
      filterRisks();
    });
    $("search").addEventListener("input", filterRisks);
    filterRisks();
    $("changes-title").textContent = T.changes;
    $("reset-all").textContent = T.resetAll;
    $("reset-all").addEventListener("click", () => {
      const paths = [...state.changes.keys()];
      state.changes.clear();
      paths.forEach(syncKnob);
      state.off.clear();
      state.scenarios.clear();
      for (const b of document.querySelectorAll("input[data-off], input[data-scenario]")) b.checked = false;
      for (const r of document.querySelectorAll(".risk")) markRisk(r);
      changed();
    });
    $("command-title").textContent = T.command;
    $("save-title").textContent = T.save;
    $("save-name-label").textContent = T.saveName;
    $("save-description-label").textContent = T.saveDescription;
    $("save-button").textContent = T.saveButton;
    $("save-button").addEventListener("click", save);
  }

  function request() {
    return {
      changes: [...state.changes].map(([path, value]) => ({ path, value })),
      off: [...state.off],
      scenarios: [...state.scenarios].sort((a, b) => a - b),
    };
  }

  function changed() {
    if (state.since === null) state.since = performance.now();
    if (state.inflight) {
      state.pending = true;
      return;
    }
    send();
  }

  async function send() {
    state.inflight = true;
    state.pending = false;
    const since = state.since ?? performance.now();
    state.since = null;
    document.body.dataset.state = "busy";
    $("status").textContent = T.busy;
    const body = request();
    let ok = false;
    try {
      const response = await fetch("/api/whatif", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const answer = await response.json();
      if (response.ok) {
        renderView(answer, body);
        ok = true;
      } else {
        renderFailure(answer, body);
      }
    } catch (e) {
      renderFailure({ message: String(e), problems: [] }, body);
    }
    // Measured once the figures are on the screen: after the next frame is laid out.
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const ms = performance.now() - since;
    if (ok) {
      page.latencies.push(ms);
      $("status").textContent = `${T.computedIn} ${number(ms, 0)} ms (server ${number(page.view.server_ms, 0)} ms) — ${T.latencyNote}`;
    }
    state.inflight = false;
    state.runs += 1;
    if (state.pending) {
      send();
    } else {
      document.body.dataset.runs = String(state.runs);
      document.body.dataset.state = ok ? "ready" : "error";
    }
  }

  function renderFailure(f, body) {
    page.failure = f;
    page.request = body;
    document.body.classList.add("stale");
    const box = $("errors");
    box.replaceChildren(el("h2", {}, T.errors), el("p", {}, f.message), el("p", { class: "note" }, T.stale));
    for (const k of document.querySelectorAll(".knob.invalid")) k.classList.remove("invalid");
    for (const p of f.problems || []) {
      box.append(el("pre", {}, p.text));
      if (p.change !== null && p.change !== undefined && body.changes[p.change]) {
        const k = document.querySelector(`.knob[data-knob="${CSS.escape(body.changes[p.change].path)}"]`);
        if (k) k.classList.add("invalid");
      }
    }
    box.hidden = false;
  }

  function renderView(v, body) {
    page.view = v;
    page.request = body;
    page.failure = null;
    document.body.classList.remove("stale");
    $("errors").hidden = true;
    for (const k of document.querySelectorAll(".knob.invalid")) k.classList.remove("invalid");
    // Cards: the what-if large, the base and the difference under it.
    $("cards").replaceChildren(
      ...v.cards.map((c) =>
        el(
          "div",
          { class: "card", "data-key": c.key },
          el("div", { class: "label" }, c.label),
          el("div", { class: "whatif", "data-run": "1" }, nb(c.whatif)),
          el("div", { class: "base", "data-run": "0" }, nb(`${T.base}: ${c.base}`)),
          el("div", { class: "delta" }, c.delta === "=" || c.delta === "" ? "" : nb(`Δ ${c.delta}`))
        )
      )
    );
    // The comparison, as `weerstand compare` prints it.
    const head = el("thead", {}, el("tr", {}, el("th", {}, ""), el("th", {}, T.base), el("th", {}, T.whatif), el("th", {}, "Δ")));
    const rows = el("tbody");
    v.rows.forEach((r, i) => {
      rows.append(
        el(
          "tr",
          { "data-row": String(i) },
          el("td", {}, r.label),
          el("td", { "data-run": "0" }, r.values[0]),
          el("td", { "data-run": "1" }, r.values[1]),
          el("td", { class: "delta" }, r.deltas[1])
        )
      );
    });
    $("rows").replaceChildren(head, rows);
    $("note").textContent = v.note;
    // Charts: the report's own, as SVG; scaled to the column.
    $("charts").replaceChildren(
      ...v.charts.map((c) => {
        const f = el("figure", { "data-chart": c.name });
        f.innerHTML = c.svg;
        f.prepend(el("figcaption", {}, c.caption));
        const svg = f.querySelector("svg");
        if (svg) {
          const w = svg.getAttribute("width"), h = svg.getAttribute("height");
          if (w && h && !svg.getAttribute("viewBox")) svg.setAttribute("viewBox", `0 0 ${parseFloat(w)} ${parseFloat(h)}`);
          svg.removeAttribute("width");
          svg.removeAttribute("height");
          svg.setAttribute("role", "img");
          svg.setAttribute("aria-label", c.title);
        }
        return f;
      })
    );
    // Municipalities per year.
    const m = v.municipalities;
    $("municipalities-title").textContent = m.title;
    const mhead = el("thead", {}, el("tr", {}, el("th", {}, T.municipalityYears), ...m.years.map((y) => el("th", {}, String(y)))));
    const mbody = el("tbody");
    for (const r of m.rows) {
      mbody.append(
        el(
          "tr",
          { "data-municipality": r.name },
          el("td", {}, r.name),
          ...m.years.map((_, i) => {
            const td = el("td", {}, el("div", { "data-run": "1" }, r.whatif[i]), el("div", { class: "note", "data-run": "0" }, `${T.base}: ${r.base[i]}`));
            if (r.delta[i] !== "=") td.append(el("div", { class: "delta" }, `Δ ${r.delta[i]}`));
            return td;
          })
        )
      );
    }
    $("municipalities").replaceChildren(mhead, mbody);
    // What is changed, and the command that computes the same.
    $("changes").replaceChildren(...(v.changes.length ? v.changes.map((c) => el("li", {}, c)) : [el("li", { class: "note" }, T.noChanges)]));
    for (const w of v.warnings) $("changes").append(el("li", { class: "note" }, `${T.warnings}: ${w}`));
    $("command").textContent = v.command ?? (v.changes.length ? T.commandAfterSave : "");
  }

  async function save() {
    const body = { name: $("save-name").value, description: $("save-description").value, request: request() };
    const response = await fetch("/api/save", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) {
      renderFailure(answer, body.request);
      return;
    }
    $("saved-label").textContent = T.saved;
    $("saved-path").textContent = answer.path;
    $("saved-note").textContent = T.savedNote;
    $("saved-command").textContent = answer.command;
    $("saved").hidden = false;
    document.body.dataset.saved = answer.path;
  }

  async function start() {
    $("status").textContent = T.loading;
    const info = await (await fetch("/api/knobs")).json();
    state.info = info;
    renderKnobs(info);
    changed();
  }
  start();
})();
