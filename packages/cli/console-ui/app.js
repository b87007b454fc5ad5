// The ml-connector console: plain ES module, no build step, no dependency. Every value from the store reaches the page
// through textContent or an attribute, never as markup, so a payload or a reason renders as text whatever it holds.

const main = document.getElementById("main");
const TOKEN_KEY = "ml-connector-console-token";

// The printed address carries the token after "#token="; keep it for this tab's session and take it out of the bar.
if (location.hash.startsWith("#token=")) {
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(location.hash.slice(7)));
  history.replaceState(null, "", `${location.pathname}#/`);
}

// ── Small DOM helpers ────────────────────────────────────────────────────────────────────────────────────────────────

/** An element with attributes (on* handlers as functions) and children (strings become text nodes). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (name === "class") el.className = value;
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  append(el, children);
  return el;
}

function show(...children) {
  main.replaceChildren(append(document.createDocumentFragment(), children));
}

const when = (iso) => (iso ? new Date(iso).toLocaleString() : "—");
const ago = (seconds) =>
  seconds === null || seconds === undefined
    ? "—"
    : seconds < 90
      ? `${seconds} s`
      : seconds < 5400
        ? `${Math.round(seconds / 60)} min`
        : seconds < 172800
          ? `${Math.round(seconds / 3600)} h`
          : `${Math.round(seconds / 86400)} days`;

// ── Words for statuses and types (unknown ones are shown as they are) ──────────────────────────────────────────────

const statusWords = {
  received: "received",
  rejected: "rejected",
  created: "created in X3",
  updated: "updated in X3",
  cancelled: "cancelled in X3",
  duplicate: "duplicate",
  ignored: "ignored",
  posted: "sent to SPS",
  failed: "failed",
  parked: "parked",
  accepted_by_sps: "accepted by SPS",
  rejected_by_sps: "rejected by SPS",
};
const statusTone = {
  created: "good",
  updated: "good",
  cancelled: "good",
  posted: "good",
  accepted_by_sps: "good",
  rejected: "bad",
  failed: "bad",
  rejected_by_sps: "bad",
  parked: "warn",
  received: "warn",
};
const typeWords = {
  850: "purchase order",
  855: "acknowledgment",
  856: "ship notice",
  810: "invoice",
  860: "PO change",
  997: "functional ack",
};

const statusBadge = (status) =>
  h(
    "span",
    { class: `badge ${statusTone[status] ?? "neutral"}`, "data-status": status },
    statusWords[status] ?? status,
  );
const typeLabel = (type) => `${type}${typeWords[type] ? ` ${typeWords[type]}` : ""}`;

// ── The API ──────────────────────────────────────────────────────────────────────────────────────────────────────────

class Unauthorized extends Error {}

async function api(path, options = {}) {
  const headers = { Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ""}` };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: "omit",
  });
  if (response.status === 401) throw new Unauthorized();
  if (options.text) return response.text();
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body;
}

function loginView() {
  const input = h("input", { type: "password", name: "token", autocomplete: "off", "aria-label": "Console token" });
  return h(
    "section",
    { class: "card login" },
    h("h1", {}, "Console token"),
    h("p", {}, "Open the address the console printed at start, or paste its token (ML_CONNECTOR_CONSOLE_TOKEN)."),
    h(
      "form",
      {
        onsubmit: (event) => {
          event.preventDefault();
          sessionStorage.setItem(TOKEN_KEY, input.value.trim());
          route();
        },
      },
      input,
      h("button", { type: "submit" }, "Open"),
    ),
  );
}

// ── Today at a glance ────────────────────────────────────────────────────────────────────────────────────────────────

function partnerChart(partner) {
  const width = 280;
  const height = 80;
  const max = Math.max(1, ...partner.days.map((d) => Math.max(d.in, d.out)));
  const slot = width / partner.days.length;
  const bar = Math.max(2, slot / 2 - 3);
  const bars = partner.days.flatMap((d, i) => {
    const x = i * slot + 2;
    const hIn = (d.in / max) * (height - 14);
    const hOut = (d.out / max) * (height - 14);
    return [
      svg(
        "rect",
        { x, y: height - 12 - hIn, width: bar, height: hIn, class: "in" },
        svg("title", {}, `${d.day}: ${d.in} in`),
      ),
      svg(
        "rect",
        { x: x + bar + 1, y: height - 12 - hOut, width: bar, height: hOut, class: "out" },
        svg("title", {}, `${d.day}: ${d.out} out`),
      ),
      svg("text", { x: x, y: height - 1, class: "day" }, d.day.slice(8)),
    ];
  });
  const totalIn = partner.days.reduce((s, d) => s + d.in, 0);
  const totalOut = partner.days.reduce((s, d) => s + d.out, 0);
  return h(
    "div",
    { class: "partner", "data-partner": partner.partnerId },
    h("h3", {}, partner.partnerId, " ", h("span", { class: "muted" }, `${totalIn} in, ${totalOut} out`)),
    svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", class: "chart" }, bars),
  );
}

async function overviewView() {
  const o = await api("/api/overview");
  document.getElementById("store").textContent = o.store;
  const attention = Object.entries(o.attention);
  return [
    h("h1", {}, "Today at a glance"),
    h(
      "section",
      { class: "cards" },
      h("a", { class: "card stat", href: "#/documents", "data-count": "total" }, h("strong", {}, o.total), "documents"),
      attention.map(([status, count]) =>
        h(
          "a",
          {
            class: `card stat ${count > 0 ? "alert" : ""}`,
            href: `#/documents?status=${encodeURIComponent(status)}`,
            "data-count": status,
          },
          h("strong", {}, count),
          statusWords[status] ?? status,
        ),
      ),
    ),
    h("h2", {}, "Flows"),
    h(
      "table",
      { class: "flows" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Flow", "Health", "Last activity", "Next run", "Cursor read to", "Lag", "Last 24 h"].map((t) =>
            h("th", {}, t),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        o.flows.map((f) =>
          h(
            "tr",
            { "data-flow": f.flow },
            h("td", {}, h("a", { href: `#/documents?flow=${f.flow}` }, f.flow)),
            h(
              "td",
              {},
              h("span", { class: `badge ${f.healthy ? "good" : "bad"}` }, f.healthy ? "healthy" : "needs a look"),
              f.problems.length > 0 ? h("div", { class: "muted small" }, f.problems.join("; ")) : null,
            ),
            h("td", {}, when(f.lastActivity)),
            h("td", {}, f.enabled ? when(f.nextRun) : "disabled"),
            h(
              "td",
              {},
              f.cursors.length === 0 ? "—" : f.cursors.map((c) => h("div", {}, when(c.readTo ?? c.updatedAt))),
            ),
            h("td", {}, f.cursors.length === 0 ? "—" : f.cursors.map((c) => h("div", {}, ago(c.lagSeconds)))),
            h(
              "td",
              {},
              Object.keys(f.last24h).length === 0
                ? "nothing"
                : Object.entries(f.last24h).map(([s, n]) => h("span", { class: "pair" }, `${n} `, statusBadge(s))),
            ),
          ),
        ),
      ),
    ),
    h(
      "h2",
      {},
      "Documents per partner, last 7 days ",
      h("span", { class: "legend in" }, "in"),
      h("span", { class: "legend out" }, "out"),
    ),
    h(
      "section",
      { class: "partners" },
      o.partners.length === 0 ? h("p", { class: "muted" }, "No documents yet.") : o.partners.map(partnerChart),
    ),
  ];
}

// ── Documents ────────────────────────────────────────────────────────────────────────────────────────────────────────

const filterNames = ["flow", "type", "partner", "status", "po", "from", "to"];

function parseQuery(query) {
  return Object.fromEntries(new URLSearchParams(query ?? ""));
}

function documentsTable(items, selection) {
  return h(
    "table",
    { class: "documents" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        selection ? h("th", {}, "") : null,
        ["Time", "Type", "Partner", "PO", "File", "X3", "Status", "Why"].map((t) => h("th", {}, t)),
      ),
    ),
    h(
      "tbody",
      {},
      items.map((d) =>
        h(
          "tr",
          { "data-id": d.id, "data-status": d.status },
          selection
            ? h(
                "td",
                {},
                h("input", {
                  type: "checkbox",
                  "aria-label": `select ${d.fileName ?? d.id}`,
                  onchange: (event) => (event.target.checked ? selection.add(d.id) : selection.delete(d.id)),
                }),
              )
            : null,
          h("td", {}, h("a", { href: `#/doc/${encodeURIComponent(d.id)}` }, when(d.createdAt))),
          h("td", {}, `${d.direction === "in" ? "←" : "→"} ${typeLabel(d.type)}${d.revision ? ` r${d.revision}` : ""}`),
          h("td", {}, d.partnerId),
          h("td", {}, d.poNumber ? h("a", { href: `#/po/${encodeURIComponent(d.poNumber)}` }, d.poNumber) : "—"),
          h("td", { class: "file" }, d.fileName ?? "—"),
          h("td", {}, d.x3Key ?? "—"),
          h("td", {}, statusBadge(d.status)),
          h("td", { class: "why" }, d.reasons[0]?.message ?? ""),
        ),
      ),
    ),
  );
}

async function documentsView(query) {
  const filters = parseQuery(query);
  const page = await api(`/api/documents?${new URLSearchParams(filters)}`);
  const selection = new Set();
  const field = (name, label, attrs = {}) =>
    h("label", {}, label, h("input", { name, value: filters[name] ?? "", ...attrs }));
  const form = h(
    "form",
    {
      class: "filters",
      onsubmit: (event) => {
        event.preventDefault();
        const data = new FormData(event.target);
        const next = new URLSearchParams();
        for (const name of filterNames) {
          const value = String(data.get(name) ?? "").trim();
          if (value) next.set(name, value);
        }
        location.hash = `#/documents?${next}`;
      },
    },
    field("flow", "Flow", { list: "flows", placeholder: "orders-in" }),
    field("type", "Type", { placeholder: "850,855" }),
    field("partner", "Partner"),
    field("status", "Status", { list: "statuses", placeholder: "rejected,failed" }),
    field("po", "PO number"),
    field("from", "From", { type: "date" }),
    field("to", "To", { type: "date" }),
    h("button", { type: "submit" }, "Filter"),
    h("a", { href: "#/documents", class: "button ghost" }, "Clear"),
    h(
      "datalist",
      { id: "flows" },
      ["orders-in", "acks-out", "asns-out", "invoices-out"].map((v) => h("option", { value: v })),
    ),
    h(
      "datalist",
      { id: "statuses" },
      Object.keys(statusWords).map((v) => h("option", { value: v })),
    ),
  );
  const older = new URLSearchParams(filters);
  if (page.nextCursor) older.set("cursor", page.nextCursor);
  return [
    h("h1", {}, "Documents"),
    form,
    h(
      "div",
      { class: "toolbar" },
      h("button", { type: "button", onclick: () => replayFlow([...selection]) }, "Replay selected…"),
      h("span", { class: "muted" }, `${page.items.length} shown, newest first`),
      filters.cursor ? h("button", { type: "button", class: "ghost", onclick: () => history.back() }, "← Newer") : null,
      page.nextCursor
        ? h("a", { class: "button ghost", href: `#/documents?${older}`, "data-next": "" }, "Older →")
        : null,
    ),
    page.items.length === 0
      ? h("p", { class: "muted" }, "No document matches.")
      : documentsTable(page.items, selection),
  ];
}

// ── Replay (one or a selection): what will happen first, then the outcome ───────────────────────────────────────────

async function replayFlow(ids) {
  if (ids.length === 0) {
    alert("Select documents first.");
    return;
  }
  const { previews } = await api("/api/replay/preview", { method: "POST", body: { ids } });
  const dialog = h(
    "dialog",
    { class: "replay" },
    h("h2", {}, `Replay ${ids.length} document${ids.length === 1 ? "" : "s"}?`),
    h(
      "ul",
      {},
      previews.map((p) =>
        h(
          "li",
          { class: p.replayable ? "" : "muted" },
          h("strong", {}, p.document ? `${p.document.type} ${p.document.fileName ?? p.document.naturalKey}` : p.id),
          ": ",
          p.action,
        ),
      ),
    ),
  );
  const results = h("ul", { class: "results" });
  const confirm = h("button", { type: "button", class: "primary" }, "Replay");
  confirm.addEventListener("click", async () => {
    confirm.disabled = true;
    const runnable = previews.filter((p) => p.replayable).map((p) => p.id);
    const body = await api("/api/replay", { method: "POST", body: { ids: runnable } });
    results.replaceChildren(
      ...body.results.map((r) =>
        h(
          "li",
          { "data-id": r.id },
          r.ok ? statusBadge(r.document.status) : h("span", { class: "badge bad" }, "refused"),
          " ",
          r.ok ? `${r.document.fileName ?? r.id}: ${r.outcome}` : r.error,
        ),
      ),
    );
  });
  append(dialog, [
    results,
    h(
      "div",
      { class: "toolbar" },
      confirm,
      h(
        "button",
        {
          type: "button",
          onclick: () => {
            dialog.close();
            dialog.remove();
            route();
          },
        },
        "Close",
      ),
    ),
  ]);
  document.body.append(dialog);
  dialog.showModal();
}

// ── One document ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** `LineItem[0].OrderLine` → comparable form (JSON arrays and repeated XML elements agree once "[0]" is dropped). */
const normalPath = (path) => path.replace(/^\$\.?/, "").replaceAll("[0]", "");

/** Pretty JSON as lines, each knowing its path; lines inside a highlighted path get the `hl` class. */
function jsonLines(value, highlights) {
  const lines = [];
  const line = (depth, path, parts) => {
    const hl = highlights.some(
      (p) =>
        p !== "" &&
        (normalPath(path) === p || normalPath(path).startsWith(`${p}.`) || normalPath(path).startsWith(`${p}[`)),
    );
    lines.push(h("div", { class: `ln${hl ? " hl" : ""}`, "data-path": path }, "  ".repeat(depth), parts));
  };
  const scalar = (v) => h("span", { class: typeof v === "string" ? "s" : v === null ? "z" : "n" }, JSON.stringify(v));
  const walk = (v, depth, path, key, last) => {
    const label = key === undefined ? [] : [h("span", { class: "k" }, JSON.stringify(key)), ": "];
    const comma = last ? "" : ",";
    const childPath = (k) => (typeof k === "number" ? `${path}[${k}]` : path ? `${path}.${k}` : k);
    if (Array.isArray(v)) {
      line(depth, path, [label, "[", v.length === 0 ? `]${comma}` : ""]);
      if (v.length === 0) return;
      for (const [i, item] of v.entries()) walk(item, depth + 1, childPath(i), undefined, i === v.length - 1);
      line(depth, path, [`]${comma}`]);
    } else if (v !== null && typeof v === "object") {
      const entries = Object.entries(v);
      line(depth, path, [label, "{", entries.length === 0 ? `}${comma}` : ""]);
      if (entries.length === 0) return;
      for (const [i, [k, item]] of entries.entries()) walk(item, depth + 1, childPath(k), k, i === entries.length - 1);
      line(depth, path, [`}${comma}`]);
    } else line(depth, path, [label, scalar(v), comma]);
  };
  walk(value, 0, "", undefined, true);
  return lines;
}

/** Pretty XML as lines (parsed as data: DOMParser never runs anything), paths relative to the document element. */
function xmlLines(text, highlights) {
  const parsed = new DOMParser().parseFromString(text, "application/xml");
  if (parsed.getElementsByTagName("parsererror").length > 0) return null;
  const lines = [];
  const root = parsed.documentElement;
  // RSX wraps one document in a plural root (<Orders><Order>): paths start below the single inner document.
  const top = root.children.length === 1 && root.children[0].children.length > 0 ? root.children[0] : root;
  const pathOf = (el) => {
    const parts = [];
    for (let node = el; node && node !== top; node = node.parentElement) {
      const same = [...(node.parentElement?.children ?? [])].filter((c) => c.localName === node.localName);
      parts.unshift(`${node.localName}${same.length > 1 ? `[${same.indexOf(node)}]` : ""}`);
    }
    return parts.join(".");
  };
  const walk = (el, depth) => {
    const path = pathOf(el);
    const hl = highlights.some((p) => p !== "" && (normalPath(path) === p || normalPath(path).startsWith(`${p}.`)));
    const attrs = [...el.attributes].map((a) => [
      " ",
      h("span", { class: "k" }, a.name),
      "=",
      h("span", { class: "s" }, JSON.stringify(a.value)),
    ]);
    const elements = [...el.children];
    const textValue = elements.length === 0 ? el.textContent : "";
    const open = [h("span", { class: "t" }, `<${el.tagName}`), attrs, h("span", { class: "t" }, ">")];
    const close = h("span", { class: "t" }, `</${el.tagName}>`);
    if (elements.length === 0) {
      lines.push(
        h(
          "div",
          { class: `ln${hl ? " hl" : ""}`, "data-path": path },
          "  ".repeat(depth),
          open,
          h("span", { class: "s" }, textValue),
          close,
        ),
      );
      return;
    }
    lines.push(h("div", { class: `ln${hl ? " hl" : ""}`, "data-path": path }, "  ".repeat(depth), open));
    for (const child of elements) walk(child, depth + 1);
    lines.push(h("div", { class: `ln${hl ? " hl" : ""}`, "data-path": path }, "  ".repeat(depth), close));
  };
  walk(root, 0);
  return lines;
}

function payloadViewer(payload, reasons) {
  if (!payload) return h("p", { class: "muted" }, "No payload stored.");
  const highlights = reasons.map((r) => normalPath(r.path));
  let lines = null;
  if (payload.format === "json") {
    try {
      lines = jsonLines(JSON.parse(payload.text), highlights);
    } catch {
      lines = null;
    }
  } else if (payload.format === "xml") lines = xmlLines(payload.text, highlights);
  const body = lines ?? payload.text.split("\n").map((l) => h("div", { class: "ln" }, l));
  return h(
    "div",
    {},
    h(
      "p",
      { class: "muted" },
      `${payload.format.toUpperCase()}, ${payload.size} bytes${payload.truncated ? " (cut for display)" : ""}`,
    ),
    h("pre", { class: "payload", "data-format": payload.format }, body),
  );
}

async function documentView(id) {
  const detail = await api(`/api/documents/${encodeURIComponent(id)}`);
  const d = detail.document;
  const facts = [
    ["Type", `${d.direction === "in" ? "inbound" : "outbound"} ${typeLabel(d.type)}`],
    ["Partner", d.partnerId],
    ["PO", d.poNumber ? h("a", { href: `#/po/${encodeURIComponent(d.poNumber)}` }, d.poNumber) : "—"],
    ["File", d.fileName ?? "—"],
    ["X3", d.x3Key ?? "—"],
    ["Revision", `${d.revision}${d.purposeCode ? ` (purpose ${d.purposeCode})` : ""}`],
    ["Flow", d.flow ?? "—"],
    ["Recorded", when(d.createdAt)],
    ["Last change", when(d.updatedAt)],
    ["Id", d.id],
  ];
  return [
    h("h1", {}, `${typeLabel(d.type)} `, d.fileName ?? d.naturalKey, " ", statusBadge(d.status)),
    h(
      "dl",
      { class: "facts" },
      facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
    ),
    h(
      "div",
      { class: "toolbar" },
      h(
        "button",
        { type: "button", disabled: !detail.replay.replayable, onclick: () => replayFlow([d.id]) },
        "Replay…",
      ),
      h("span", { class: "muted" }, `Replay ${detail.replay.action}.`),
    ),
    h("h2", {}, "Why"),
    d.reasons.length === 0
      ? h("p", { class: "muted" }, "Nothing to report.")
      : h(
          "ul",
          { class: "reasons" },
          d.reasons.map((r) =>
            h(
              "li",
              {},
              h("p", {}, r.message),
              h("p", { class: "muted small" }, "at ", h("code", {}, r.path || "(the whole document)"), " · ", r.code),
            ),
          ),
        ),
    h("h2", {}, "Attempts"),
    detail.attempts.length === 0
      ? h("p", { class: "muted" }, "No external call recorded.")
      : h(
          "table",
          { class: "attempts" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ["Time", "Operation", "Outcome", "HTTP", "Detail", "ms"].map((t) => h("th", {}, t)),
            ),
          ),
          h(
            "tbody",
            {},
            detail.attempts.map((a) =>
              h(
                "tr",
                {},
                h("td", {}, when(a.at)),
                h("td", {}, a.operation),
                h(
                  "td",
                  {},
                  h(
                    "span",
                    {
                      class: `badge ${a.outcome === "success" ? "good" : a.outcome === "failure" ? "bad" : "neutral"}`,
                    },
                    a.outcome,
                  ),
                ),
                h("td", {}, a.httpStatus ?? ""),
                h("td", {}, [a.errorKind, a.message].filter(Boolean).join(": ")),
                h("td", {}, a.durationMs ?? ""),
              ),
            ),
          ),
        ),
    h("h2", {}, "Payload"),
    payloadViewer(detail.payload, d.reasons),
  ];
}

// ── One PO's story ───────────────────────────────────────────────────────────────────────────────────────────────────

async function storyView(po, query) {
  const partner = parseQuery(query).partner;
  const story = await api(
    `/api/po/${encodeURIComponent(po)}${partner ? `?partner=${encodeURIComponent(partner)}` : ""}`,
  );
  if (story.steps.length === 0)
    return [h("h1", {}, `PO ${po}`), h("p", { class: "muted" }, "No document carries this PO number.")];
  const items = [];
  for (const step of story.steps) {
    items.push(
      h(
        "li",
        { class: `step ${statusTone[step.status] ?? "neutral"}`, "data-type": step.type, "data-status": step.status },
        h("div", { class: "when" }, when(step.createdAt)),
        h(
          "div",
          {},
          h(
            "a",
            { href: `#/doc/${encodeURIComponent(step.id)}` },
            h("strong", {}, typeLabel(step.type)),
            step.revision ? ` revision ${step.revision}` : "",
          ),
          " ",
          statusBadge(step.status),
          h(
            "div",
            { class: "muted small" },
            [step.fileName, step.x3Key ? `X3 ${step.x3Key}` : null, step.reasons[0]?.message]
              .filter(Boolean)
              .join(" · "),
          ),
        ),
      ),
    );
    // The X3 order an 850 created comes right after it.
    for (const link of story.links) {
      if (
        link.from.kind === "document" &&
        link.from.id === step.id &&
        link.to.kind === "x3" &&
        ["created", "updated", "cancelled"].includes(link.relation)
      ) {
        items.push(
          h(
            "li",
            { class: "step x3", "data-type": "x3" },
            h("div", { class: "when" }, ""),
            h(
              "div",
              {},
              h("strong", {}, `X3 ${link.to.entity} ${link.to.key}`),
              h("span", { class: "muted" }, ` ${link.relation} by the 850`),
            ),
          ),
        );
      }
    }
  }
  return [
    h("h1", {}, `PO ${po} `, h("span", { class: "muted" }, story.partners.join(", "))),
    h("ol", { class: "story" }, items),
    story.records.length > 0
      ? h("p", { class: "muted" }, "X3 records: ", story.records.map((r) => `${r.entity} ${r.key}`).join(", "))
      : null,
  ];
}

// ── Mapping gaps ─────────────────────────────────────────────────────────────────────────────────────────────────────

const kindWords = { items: "item", uoms: "unit", shipTos: "ship-to", partners: "partner", costCentres: "cost centre" };
const kindFiles = {
  items: "items",
  uoms: "uoms",
  shipTos: "ship-tos",
  partners: "partners",
  costCentres: "cost-centres",
};

async function gapsView() {
  const { gaps, waiting } = await api("/api/gaps");
  const kinds = [...new Set(gaps.map((g) => g.kind))];
  const csvBlocks = await Promise.all(
    kinds.map(async (kind) => {
      const text = await api(`/api/gaps/${kindFiles[kind]}.csv`, { text: true });
      const file = `missing-${kindFiles[kind]}.csv`;
      const download = h(
        "button",
        {
          type: "button",
          onclick: () => {
            const a = h("a", { href: URL.createObjectURL(new Blob([text], { type: "text/csv" })), download: file });
            a.click();
            setTimeout(() => URL.revokeObjectURL(a.href), 1000);
          },
        },
        `Download ${file}`,
      );
      return h(
        "section",
        { class: "card", "data-kind": kind },
        h("h3", {}, `${kindWords[kind] ?? kind} mappings to add`),
        h("pre", { class: "csv", "data-csv": kindFiles[kind] }, text),
        h(
          "p",
          {},
          download,
          " then fill in the X3 column and run ",
          h("code", {}, `ml-connector mappings import ${file} --kind ${kindFiles[kind]}`),
        ),
      );
    }),
  );
  return [
    h("h1", {}, "Mapping gaps"),
    gaps.length === 0
      ? h("p", { class: "muted" }, "No document is waiting for a mapping.")
      : h(
          "table",
          { class: "gaps" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ["What is missing", "Partner", "Waiting", "POs"].map((t) => h("th", {}, t)),
            ),
          ),
          h(
            "tbody",
            {},
            gaps.map((g) =>
              h(
                "tr",
                { "data-kind": g.kind, "data-value": g.value },
                h("td", {}, `${kindWords[g.kind] ?? g.kind} `, h("code", {}, g.value)),
                h("td", {}, g.partnerId),
                h("td", {}, `${g.poNumbers.length} PO${g.poNumbers.length === 1 ? "" : "s"} waiting`),
                h(
                  "td",
                  {},
                  g.poNumbers.map((po) => [h("a", { href: `#/po/${encodeURIComponent(po)}` }, po), " "]),
                ),
              ),
            ),
          ),
        ),
    csvBlocks,
    waiting.length > 0
      ? h(
          "div",
          { class: "toolbar" },
          h(
            "button",
            { type: "button", class: "primary", onclick: () => replayFlow(waiting) },
            `Replay all waiting (${waiting.length})…`,
          ),
          h("span", { class: "muted" }, "after the import: every document held back by these mappings runs again."),
        )
      : null,
  ];
}

// ── Routing ──────────────────────────────────────────────────────────────────────────────────────────────────────────

// Each navigation gets a number; a view whose data arrives after a newer navigation began is dropped, so a slow
// render (e.g. the refresh after closing the replay dialog) never replaces the page the operator has moved to.
let navigation = 0;

async function route() {
  const current = ++navigation;
  // The address this render is for: a waiter (a person's script, our browser tests) knows the page shows *this* address
  // only when data-route equals location.hash and data-ready is set, not merely when an earlier view said ready.
  const address = location.hash;
  const [path, query] = location.hash.replace(/^#/, "").split("?");
  const parts = (path || "/").split("/").filter(Boolean).map(decodeURIComponent);
  const view = parts[0] ?? "overview";
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", link.dataset.view === view);
  document.body.dataset.view = view;
  document.body.dataset.ready = "";
  let content;
  try {
    if (view === "overview") content = await overviewView();
    else if (view === "documents") content = await documentsView(query);
    else if (view === "doc") content = await documentView(parts[1]);
    else if (view === "po") content = await storyView(parts[1], query);
    else if (view === "gaps") content = await gapsView();
    else content = h("p", {}, "Nothing here. ", h("a", { href: "#/" }, "Back to today."));
  } catch (error) {
    content = error instanceof Unauthorized ? loginView() : h("p", { class: "error" }, String(error.message ?? error));
  }
  if (current !== navigation) return;
  show(content);
  if (view === "doc") {
    // The payload box scrolls on its own: bring the first highlighted line into it.
    const hl = main.querySelector(".payload .ln.hl");
    if (hl) hl.parentElement.scrollTop = Math.max(0, hl.offsetTop - 60);
  }
  document.body.dataset.route = address;
  document.body.dataset.ready = view;
}

document.getElementById("po-search").addEventListener("submit", (event) => {
  event.preventDefault();
  const po = new FormData(event.target).get("po").trim();
  if (po) location.hash = `#/po/${encodeURIComponent(po)}`;
});
window.addEventListener("hashchange", route);
route();
