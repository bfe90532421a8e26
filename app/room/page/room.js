// The phone page: add pieces, say what connects, vote with dots. Plain JavaScript, nothing
// loaded from anywhere else. Everything shown is set with textContent, never as HTML, so a
// label can hold any characters and stays text. Each contribution carries a key the phone
// makes, so sending it again after a dropped connection still counts it once.
"use strict";

const api = (name) => "api/" + name;
const here = location.pathname;  // the room's token is in it: each room remembers its own
const store = {
  get: (k) => { try { return localStorage.getItem(here + k); } catch (e) { return null; } },
  set: (k, v) => { try { localStorage.setItem(here + k, v); } catch (e) { /* private mode */ } },
};
const $ = (id) => document.getElementById(id);
let participant = store.get("participant");
let view = { blocks: [], pieces: [], findings: [], dots: 0, mine: {} };
let block = null;
const picked = new Set();
const outbox = [];
let sending = false;

function newKey() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function say(text, bad) {
  const status = $("status");
  status.textContent = text;
  status.className = bad ? "bad" : "";
}

async function post(name, body) {
  const response = await fetch(api(name), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    credentials: "omit",
  });
  let answer = {};
  try { answer = await response.json(); } catch (e) { /* not JSON: answered below */ }
  return { status: response.status, answer, wait: Number(response.headers.get("Retry-After")) };
}

const pause = (seconds) => new Promise((done) => setTimeout(done, seconds * 1000));

async function join() {
  while (!participant) {
    try {
      const { status, answer, wait } = await post("join", {});
      if (status === 200) {
        participant = answer.participant;
        store.set("participant", participant);
      } else {
        say(answer.error || "The room is not answering. Trying again…", true);
        await pause(wait || 3);
      }
    } catch (e) {
      say("No connection to the room. Are you on the same Wi-Fi? Trying again…", true);
      await pause(3);
    }
  }
}

async function refresh() {
  try {
    const { status, answer } = await post("view", { participant });
    if (status === 403) { participant = null; store.set("participant", ""); await join(); return; }
    if (status === 200) { view = answer; draw(); }
  } catch (e) { /* offline for a moment: the next refresh tries again */ }
}

// --- sending, with retries until the room has it -------------------------------------------

function queue(name, body, done) {
  outbox.push({ name, body: { ...body, key: newKey() }, done });
  flush();
}

async function flush() {
  if (sending) return;
  sending = true;
  while (outbox.length) {
    const item = outbox[0];
    try {
      const { status, answer, wait } = await post(item.name, { ...item.body, participant });
      if (status === 200) { outbox.shift(); item.done(answer); continue; }
      if (status === 429) { say(answer.error || "Busy: waiting a moment…"); await pause(wait || 1); continue; }
      if (status === 403) { participant = null; await join(); continue; }
      outbox.shift();
      say(answer.error || "That could not be sent.", true);
    } catch (e) {
      say("No connection to the room. It will be sent when it is back.", true);
      await pause(3);
    }
  }
  sending = false;
}

// --- drawing the page (textContent only) ---------------------------------------------------

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function inkFor(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return lum > 0.45 ? "#000000" : "#ffffff";
}

function blockName(key) {
  const found = view.blocks.find((b) => b.key === key);
  return found ? found.name : "";
}

function drawBlocks() {
  const box = $("blocks");
  box.replaceChildren();
  for (const b of view.blocks) {
    const button = el("button", b.name);
    button.type = "button";
    const colour = /^#[0-9a-fA-F]{6}$/.test(b.color) ? b.color : "#888888";
    button.style.backgroundColor = colour;
    button.style.color = inkFor(colour);
    button.setAttribute("aria-pressed", String(block === b.key));
    button.addEventListener("click", () => { block = b.key; drawBlocks(); });
    box.append(button);
  }
}

function drawConnects() {
  const box = $("connects");
  const words = $("filter").value.trim().toLowerCase();
  box.replaceChildren();
  const fresh = view.pieces.filter((p) => p.ref.startsWith("room:")).reverse();  // newest first
  const shown = fresh.concat(view.pieces.filter((p) => p.ref.startsWith("node:")))
    .filter((p) => !words || p.label.toLowerCase().includes(words));
  if (!shown.length) box.append(el("p", words ? "Nothing on the map is called that." : "The map is empty so far.", "empty"));
  for (const p of shown.slice(0, 200)) {
    const button = el("button", p.label);
    button.type = "button";
    button.title = blockName(p.block);
    button.setAttribute("aria-pressed", String(picked.has(p.ref)));
    button.addEventListener("click", () => {
      if (picked.has(p.ref)) picked.delete(p.ref); else picked.add(p.ref);
      button.setAttribute("aria-pressed", String(picked.has(p.ref)));
    });
    box.append(button);
  }
}

function fillSelect(select, pieces) {
  const chosen = select.value;
  select.replaceChildren(el("option", "Choose a piece…"));
  select.firstChild.value = "";
  for (const p of pieces) {
    const option = el("option", p.label);
    option.value = p.ref;
    select.append(option);
  }
  select.value = pieces.some((p) => p.ref === chosen) ? chosen : "";
}

function dotsUsed() {
  return Object.values(view.mine).reduce((a, b) => a + b, 0);
}

function drawVotes() {
  const left = view.dots - dotsUsed();
  $("dots-left").textContent = `You have ${view.dots} dots to put on what to fix first: ${left} left.`;
  drawVoteList($("vote-findings"), view.findings, "Nothing found yet.", left);
  const onMap = view.pieces.filter((p) => p.ref.startsWith("node:"));
  drawVoteList($("vote-pieces"), onMap, "The map is empty so far.", left);
}

function drawVoteList(box, choices, empty, left) {
  box.replaceChildren();
  if (!choices.length) box.append(el("p", empty, "empty"));
  for (const c of choices) {
    const row = el("div", undefined, "vote");
    const given = view.mine[c.ref] || 0;
    const less = el("button", "−");
    less.type = "button";
    less.setAttribute("aria-label", "Take a dot back from " + c.label);
    less.disabled = given === 0;
    less.addEventListener("click", () => vote(c.ref, given - 1));
    const more = el("button", "+");
    more.type = "button";
    more.setAttribute("aria-label", "Put a dot on " + c.label);
    more.disabled = left <= 0;
    more.addEventListener("click", () => vote(c.ref, given + 1));
    row.append(el("span", c.label, "what"), el("span", "●".repeat(given), "dots"), less, more);
    box.append(row);
  }
}

function draw() {
  if (block && !view.blocks.some((b) => b.key === block)) block = null;
  drawBlocks();
  drawConnects();
  fillSelect($("from"), view.pieces);
  fillSelect($("to"), view.pieces);
  drawVotes();
}

// --- what the buttons do -------------------------------------------------------------------

function name() { return $("name").value.trim(); }

function sendPiece() {
  const label = $("label").value.trim();
  if (!label) { say("Type what the piece is called first.", true); $("label").focus(); return; }
  if (!block) { say("Choose what kind of piece it is.", true); return; }
  const body = { label, block, connects: Array.from(picked), name: name() };
  queue("piece", body, () => {
    say(`Sent: “${label}”. Thank you! Add another?`);
    refresh();  // it is on the list to connect to now
  });
  $("label").value = "";
  picked.clear();
  drawConnects();
  $("label").focus();
}

function sendConnection() {
  const from = $("from").value, to = $("to").value;
  if (!from || !to) { say("Choose both pieces first.", true); return; }
  if (from === to) { say("Choose two different pieces.", true); return; }
  const label = (ref) => (view.pieces.find((p) => p.ref === ref) || { label: "" }).label;
  queue("connection", { from, to, name: name() }, () => {
    say(`Sent: “${label(from)}” connects to “${label(to)}”.`);
  });
}

async function vote(target, dots) {
  try {
    const { status, answer } = await post("vote", { participant, target, dots });
    if (status === 200) { view.mine = answer.mine; drawVotes(); say("Your dots are in."); }
    else say(answer.error || "That vote could not be counted.", true);
  } catch (e) {
    say("No connection to the room: try the vote again in a moment.", true);
  }
}

function showTab(panel) {
  for (const tab of document.querySelectorAll("#tabs button")) {
    const on = tab.dataset.panel === panel;
    tab.setAttribute("aria-selected", String(on));
    $(tab.dataset.panel).hidden = !on;
  }
}

async function start() {
  $("name").value = store.get("name") || "";
  $("name").addEventListener("change", () => store.set("name", name()));
  for (const tab of document.querySelectorAll("#tabs button")) {
    tab.addEventListener("click", () => showTab(tab.dataset.panel));
  }
  $("filter").addEventListener("input", drawConnects);
  $("send-piece").addEventListener("click", sendPiece);
  $("label").addEventListener("keydown", (e) => { if (e.key === "Enter") sendPiece(); });
  $("send-connection").addEventListener("click", sendConnection);
  const asked = location.hash.slice(1);  // "#vote" or "#connect" opens that part
  if (["add", "connect", "vote"].includes(asked)) showTab(asked);
  await join();
  await refresh();
  setInterval(refresh, 5000);
}

document.addEventListener("DOMContentLoaded", start);
