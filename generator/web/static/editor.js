// The editor: every change saved at once (naming the version it was made from), the
// preview and the diagnostics replaced by what the server answers.
const editor = document.querySelector(".editor");
const name = editor.dataset.name;
const state = JSON.parse(document.getElementById("state").textContent);
let version = state.version;
const statusLine = document.getElementById("status");
const preview = document.getElementById("preview");
// The YAML tab's text, while it holds changes not saved yet: never replaced by an answer,
// saved before the clerk leaves the tab or downloads; the browser asks before the page closes.
const yamlBox = document.getElementById("yaml");
let yamlDirty = false;
let formStale = false;
yamlBox.addEventListener("input", () => { yamlDirty = true; });
window.addEventListener("beforeunload", (event) => { if (yamlDirty) event.preventDefault(); });

function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

function show(answer) {
  version = answer.version;
  if (answer.preview !== null) {
    preview.srcdoc = answer.preview;
    document.getElementById("preview-note").hidden = true;
  } else {
    document.getElementById("preview-note").hidden = false;
  }
  if (answer.yaml !== undefined && !yamlDirty) yamlBox.value = answer.yaml;
  for (const m of document.querySelectorAll(".msg")) { m.textContent = ""; m.className = "msg"; }
  for (const f of document.querySelectorAll(".bad")) f.classList.remove("bad");
  for (const b of document.querySelectorAll(".tabs .has-err")) b.classList.remove("has-err");
  const general = document.getElementById("general");
  general.innerHTML = "";
  for (const d of answer.diagnostics) {
    const text = d.message + (d.hint ? " — " + d.hint : "");
    const place = placeOf(d.path);
    const cls = d.severity === "lỗi" ? "err" : "warn";
    if (place) {
      const msg = place.querySelector(":scope > .msg");
      msg.textContent = (msg.textContent ? msg.textContent + " " : "") + text;
      msg.className = "msg " + cls;
      place.classList.add("bad");
      const tab = place.closest(".tab");
      const button = tab && document.querySelector(`.tabs [data-tab="${tab.id.slice(4)}"]`);
      if (button) button.classList.add("has-err");
    }
    const li = document.createElement("li");
    li.className = cls;
    li.textContent = `${d.severity}: ${d.where}: ${text}`;
    general.append(li);
  }
  statusLine.textContent = answer.diagnostics.some(d => d.severity === "lỗi")
    ? "Đã lưu — còn lỗi" : "Đã lưu";
}

// The field (or the item) a diagnostic's path points at: the longest path shown.
function placeOf(path) {
  let best = null, bestLength = -1;
  for (const el of document.querySelectorAll("[data-field]")) {
    const p = JSON.parse(el.dataset.field);
    if (p.length > bestLength && p.length <= path.length && same(p, path.slice(0, p.length))) {
      best = el; bestLength = p.length;
    }
  }
  return best;
}

// Saves go one after another: each names the version the previous one answered, so two
// fields changed in quick succession are both saved (sent together, the second would name
// a version the first replaced, and be refused as if another tab had changed the file).
let queue = Promise.resolve(null);
function send(url, body) {
  const next = queue.then(() => sendNow(url, body), () => sendNow(url, body));
  queue = next;
  return next;
}

async function sendNow(url, body) {
  statusLine.textContent = "Đang lưu…";
  let response;
  try {
    response = await fetch(url, {
      method: "POST", headers: {"content-type": "application/json"},
      body: JSON.stringify({...body, version}),
    });
  } catch (error) {
    return unsaved("Chưa lưu: không gọi được kehoach serve. Cửa sổ lệnh chạy 'kehoach serve' " +
                   "đã đóng? Chạy lại lệnh, mở địa chỉ nó in ra; chép lại phần vừa gõ trước " +
                   "khi rời trang này.");
  }
  let answer;
  try {
    answer = await response.json();
  } catch (error) {
    answer = {error: `Chưa lưu: máy chủ trả lời ${response.status} ${response.statusText}.`};
  }
  if (!response.ok) return unsaved(answer.error || `Chưa lưu (${response.status}).`);
  show(answer);
  return answer;
}

// A save that did not happen, said where the clerk looks (a stale file, the server gone).
function unsaved(message) {
  const box = document.getElementById("stale");
  box.querySelector("span").textContent = message;
  box.hidden = false;
  statusLine.textContent = "Chưa lưu";
  return null;
}

const timers = new Map();
function fieldChanged(input, delay) {
  clearTimeout(timers.get(input));
  timers.set(input, setTimeout(() => {
    timers.delete(input);
    send(`/api/sua/${name}`, {op: "set", path: JSON.parse(input.dataset.path),
                              kind: input.dataset.kind, value: input.value});
  }, delay));
}
for (const input of document.querySelectorAll("[data-path]")) {
  input.addEventListener("input", () => fieldChanged(input, 400));
  input.addEventListener("change", () => fieldChanged(input, 0));
}
for (const button of document.querySelectorAll("[data-add]")) {
  button.addEventListener("click", async () => {
    if (await send(`/api/sua/${name}`, {op: "append", path: JSON.parse(button.dataset.add),
                                         value: JSON.parse(button.dataset.item)})) reloadKeepingTab();
  });
}
for (const button of document.querySelectorAll("[data-del]")) {
  button.addEventListener("click", async () => {
    if (!confirm("Xóa mục này?")) return;
    if (await send(`/api/sua/${name}`, {op: "delete", path: JSON.parse(button.dataset.del)}))
      reloadKeepingTab();
  });
}
// A download waits for the saves under way (the field left by this very click included),
// so the file downloaded has every change the page shows.
for (const link of document.querySelectorAll(".bar a.button")) {
  link.addEventListener("click", async (event) => {
    event.preventDefault();
    for (const input of [...timers.keys()]) fieldChanged(input, 0);
    await new Promise(resolve => setTimeout(resolve, 0));
    await queue.catch(() => null);
    if (yamlDirty && !(await saveYaml())) return;
    location.href = link.href;
  });
}
// The whole file from the YAML tab; the forms, built from the old file, are then out of
// date (their paths may point elsewhere) until the page is reloaded.
async function saveYaml() {
  const text = yamlBox.value;
  const answer = await send(`/api/yaml/${name}`, {text});
  if (answer) {
    if (yamlBox.value === text) yamlDirty = false;
    formStale = true;
  }
  return answer;
}
document.getElementById("save-yaml").addEventListener("click", async () => {
  if (await saveYaml()) reloadKeepingTab();
});

function reloadKeepingTab(tab) {
  const on = document.querySelector(".tabs .on");
  sessionStorage.setItem("kehoach-tab", tab || (on ? on.dataset.tab : ""));
  sessionStorage.setItem("kehoach-scroll", String(document.querySelector(".left").scrollTop));
  location.reload();
}
function openTab(key) {
  for (const b of document.querySelectorAll(".tabs button")) b.classList.toggle("on", b.dataset.tab === key);
  for (const s of document.querySelectorAll(".tab")) s.hidden = s.id !== `tab-${key}`;
  for (const t of document.querySelectorAll(`#tab-${key} table.rows textarea`)) fit(t);
}
// A cell of the task table as tall as its text (measured only once its tab is shown).
function fit(textarea) {
  textarea.style.height = "auto";
  textarea.style.height = `${textarea.scrollHeight + 2}px`;
}
for (const t of document.querySelectorAll("table.rows textarea")) {
  t.addEventListener("input", () => fit(t));
  fit(t);
}
for (const b of document.querySelectorAll(".tabs button")) {
  b.addEventListener("click", async () => {
    if (b.dataset.tab !== "yaml" && yamlDirty && !(await saveYaml())) return;
    if (b.dataset.tab !== "yaml" && formStale) { reloadKeepingTab(b.dataset.tab); return; }
    openTab(b.dataset.tab);
  });
}
const kept = sessionStorage.getItem("kehoach-tab");
if (kept && document.getElementById(`tab-${kept}`)) {
  openTab(kept);
  document.querySelector(".left").scrollTop = Number(sessionStorage.getItem("kehoach-scroll") || 0);
  sessionStorage.removeItem("kehoach-tab");
}

// Căn cứ: search the registry, add the document found.
const q = document.getElementById("registry-q");
if (q) {
  q.addEventListener("input", async () => {
    const found = await (await fetch(`/api/van-ban?q=${encodeURIComponent(q.value)}`)).json();
    const list = document.getElementById("registry");
    list.innerHTML = "";
    for (const doc of found) {
      const li = document.createElement("li");
      const add = document.createElement("button");
      add.type = "button"; add.textContent = "+ Thêm";
      add.addEventListener("click", async () => {
        if (await send(`/api/sua/${name}`, {op: "append", path: ["can_cu"],
                                             value: {van_ban: doc.id}})) reloadKeepingTab();
      });
      li.append(add, " ", doc.label);
      list.append(li);
    }
  });
}
show(state);
