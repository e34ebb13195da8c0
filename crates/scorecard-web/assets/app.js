// The scorecard workbench: edit a rule file with its diagnostics underlined
// as you type, read how each criterion was read, try a record, score a
// batch and run the suites. Plain JS, no build step; the server does all
// the checking and scoring (numbers stay exact strings end to end).
"use strict";

const TEXT = {
  zh: {
    file: "规则文件", save: "保存", format: "排版", language: "界面语言", langAuto: "跟随规则文件",
    tabTry: "试算", tabReading: "解读", tabBatch: "批量计分", tabSuites: "测试集",
    tryHint: "填入一条记录的测量值，每改一处立即重新计分。可带单位，如 92.5%、152.3万件。",
    readingHint: "引擎如何理解每条评分标准：条件、是否含本数、扣分或得分、封顶。先确认含义，再相信分数。",
    batchHint: "拖入或选择 Excel 表格（.xlsx、.xls、.ods）、CSV（首行为字段名或输入名称）、JSON Lines 或 JSON 文件，逐条计分。",
    batchDrop: "把文件拖到这里，或点击选择", downloadCsv: "下载 CSV（Excel 可直接打开）", downloadXlsx: "下载绩效自评表（xlsx）",
    importTable: "导入目标表…", importHint: "选择绩效目标表（.xlsx、.xls、.ods、.docx、.csv、.txt），或把它拖到编辑器上：生成规则草稿",
    imported: (n, w) => `已导入草稿：${n} 个指标，${w} 个评分标准按原文读出（草稿尚未保存）`,
    replaceDraft: "编辑器中有未保存的修改，确定用导入的草稿替换吗？",
    suitesHint: "运行与规则文件同名的测试集（<名称>.suite.toml），针对已保存的文件。",
    runSuites: "运行测试集", saved: "已保存", unsaved: "未保存的修改", checking: "检查中…",
    ok: "没有问题", errors: n => `${n} 个错误`, warnings: n => `${n} 个警告`,
    noFile: "（目录中没有规则文件）", pick: "请选择文件",
    total: "总分", grade: "等级", of: m => `满分 ${m}`, indicator: "指标", points: "分值", score: "得分",
    deduction: "扣分", explanation: "说明", line: "行", error: "错误", notCompiled: "规则文件有错误，改正后才能计分。",
    fixFields: "以下数据有误，未计分：", yes: "是", no: "否", empty: "（未填）",
    range: (a, b) => `范围 ${a}～${b}`, required: "必填", optional: "可不填",
    scored: (s, f) => `已计分 ${s} 条，出错 ${f} 条`, noSuite: f => `没有找到测试集 ${f}`,
    passed: (p, f) => `通过 ${p} 个，失败 ${f} 个`, unsavedSuites: "编辑器中有未保存的修改；测试集针对已保存的文件运行。",
    formatted: "已排版", fmtUnchanged: "已是规范格式", readingNone: "规则文件有错误，暂无解读。",
    condition: "条件", bound: "临界值", strict: "不含本数", inclusive: "含本数", proRata: "按比例计", wholeSteps: "只计整步",
    added: "加分", written: "原文", discard: f => `${f} 有未保存的修改，确定放弃并打开另一个文件吗？`,
    dateHint: "如 2021-06-30", stillMissing: names => `还需填写：${names.join("、")}。填齐后即显示得分。`,
  },
  en: {
    file: "Rule file", save: "Save", format: "Format", language: "Language", langAuto: "as the rule file",
    tabTry: "Try a record", tabReading: "Reading", tabBatch: "Batch", tabSuites: "Suites",
    tryHint: "Type one record's measurements; every change scores it again at once. Units are allowed: 92.5%, 152.3万件.",
    readingHint: "How the engine reads each criterion: the condition, whether the bound is included, the deduction or points, the cap. Confirm the meaning before trusting a score.",
    batchHint: "Drop or choose a spreadsheet (.xlsx, .xls, .ods), a CSV file (a header row of input keys or names), JSON Lines or JSON, to score every record.",
    batchDrop: "Drop a file here, or click to choose one", downloadCsv: "Download CSV (opens in Excel)", downloadXlsx: "Download the self-evaluation form (xlsx)",
    importTable: "Import a table…", importHint: "Choose a 绩效目标表 (.xlsx, .xls, .ods, .docx, .csv, .txt), or drop it on the editor, for a draft rule file",
    imported: (n, w) => `Imported a draft: ${n} indicators, ${w} criteria as written (the draft is not saved yet)`,
    replaceDraft: "The editor has unsaved changes. Replace them with the imported draft?",
    suitesHint: "Runs the suite named after the rule file (<name>.suite.toml) against the saved file.",
    runSuites: "Run the suites", saved: "Saved", unsaved: "Unsaved changes", checking: "Checking…",
    ok: "No problems", errors: n => `${n} error${n === 1 ? "" : "s"}`, warnings: n => `${n} warning${n === 1 ? "" : "s"}`,
    noFile: "(no rule files in the directory)", pick: "Choose a file",
    total: "Total", grade: "Grade", of: m => `out of ${m}`, indicator: "Indicator", points: "Points", score: "Score",
    deduction: "Deducted", explanation: "Explanation", line: "Line", error: "Error", notCompiled: "The rule file has errors; fix them to score.",
    fixFields: "These values are wrong, so the record was not scored:", yes: "yes", no: "no", empty: "(blank)",
    range: (a, b) => `range ${a} to ${b}`, required: "required", optional: "optional",
    scored: (s, f) => `${s} scored, ${f} with errors`, noSuite: f => `no suite ${f} found`,
    passed: (p, f) => `${p} passed, ${f} failed`, unsavedSuites: "The editor has unsaved changes; suites run against the saved file.",
    formatted: "Formatted", fmtUnchanged: "Already in the canonical layout", readingNone: "The rule file has errors; no reading yet.",
    condition: "Condition", bound: "Threshold itself", strict: "not included", inclusive: "included", proRata: "pro rata", wholeSteps: "whole steps",
    added: "Added", written: "As written", discard: f => `${f} has unsaved changes. Discard them and open another file?`,
    dateHint: "e.g. 2021-06-30", stillMissing: names => `Still to fill in: ${names.join(", ")}. The score appears once every value is there.`,
  },
};

const $ = id => document.getElementById(id);
const state = {
  path: null, saved: "", ruleLang: "zh", uiLang: "auto", revision: 0, checked: null,
  inputs: [], formRevision: 0, batchFile: null, lines: [], diagByLine: new Map(),
};

// ---- language -------------------------------------------------------------

function lang() { return state.uiLang === "auto" ? state.ruleLang : state.uiLang; }
function t(key, ...args) {
  const v = TEXT[lang()][key];
  return typeof v === "function" ? v(...args) : v;
}
function applyLanguage() {
  document.documentElement.lang = lang() === "zh" ? "zh" : "en";
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll("[data-t-title]")) el.title = t(el.dataset.tTitle);
  document.title = `scorecard · ${state.path || ""}`;
  renderStatus();
  renderProblems();
  renderForm();
  if (state.lastScore) renderScore(state.lastScore.body, state.lastScore.rev);
  if (state.lastBatch) renderBatch(state.lastBatch);
}

// ---- server ---------------------------------------------------------------

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  };
  const response = await fetch(path, init);
  if (!response.ok) {
    let message = `${response.status}`;
    try { const e = (await response.json()).error; message = e[lang()] || e.en; } catch (_) { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}
const apiJson = async (path, body) => (await api(path, body)).json();

// A response whose numbers are exact decimals (a report): every JSON number is
// kept as its text, never turned into a binary float that would round
// `265.90300000000000000001`.
const apiExact = async (path, body) => JSON.parse(numbersAsText(await (await api(path, body)).text()));

function numbersAsText(json) {
  let out = "", i = 0;
  while (i < json.length) {
    const c = json[i];
    if (c === '"') {
      let j = i + 1;
      while (j < json.length && json[j] !== '"') j += json[j] === "\\" ? 2 : 1;
      out += json.slice(i, j + 1);
      i = j + 1;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      let j = i + 1;
      while (j < json.length && /[0-9.eE+-]/.test(json[j])) j++;
      out += `"${json.slice(i, j)}"`;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// A file's bytes as base64, for spreadsheets and Word documents in a JSON body.
async function base64Of(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const SHEET = /\.(xlsx|xlsm|xls|ods)$/i;

// ---- highlighting ---------------------------------------------------------

const KEYWORDS = [
  "计分表", "总分", "舍入", "等级", "输入", "常量", "计算", "一级指标", "二级指标", "三级指标", "指标值", "指标属性",
  "定量指标", "定性指标", "评分标准", "评(扣)分标准", "评（扣）分标准", "指标内容", "设定依据", "数据来源", "分值", "度量",
  "评分", "得分", "加分", "不适用指标", "不适用条件", "一票否决", "酌情扣分", "范围", "按等级", "按比例", "否则", "是否", "日期",
  "scorecard", "total", "rounding", "grades", "input", "const", "let", "group", "subgroup", "indicator", "target",
  "quantitative", "qualitative", "criterion", "content", "basis", "source", "points", "measure", "scoring", "score",
  "bonus", "veto", "discretionary", "range", "otherwise", "applicable", "by grade", "pro rata",
];
const OPERATORS = [
  "低于", "高于", "不低于", "不高于", "未达到", "未达", "未到达", "达到", "超过", "超出", "不超过", "不足", "少于", "多于", "以上",
  "以下", "以内", "不含", "含", "每", "扣", "较", "偏离", "至多", "最多", "扣完为止", "早于", "晚于", "迟于", "滞后",
  "below", "above", "under", "over", "at least", "at most", "less than", "more than", "each", "exceed", "up to", "max",
];
const escapeRe = s => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const words = list => list.slice().sort((a, b) => b.length - a.length).map(w => /^[a-z ]+$/.test(w) ? `\\b${escapeRe(w)}\\b` : escapeRe(w)).join("|");
const TOKEN = new RegExp(
  `(#.*$)|(「[^」]*」?|"[^"]*"?)|(${words(KEYWORDS)})|(${words(OPERATORS)}|[→−≥≤<>=×÷～~])|([0-9０-９][0-9０-９.,．]*(?:%|％|万元|万件|万人次|万人|亿元|千元|元|件|次|个百分点|百分点|分|天|个月|年|人次|人|名|个|户|项|篇|公顷|亩)?)`,
  "gm",
);
const CLASSES = [null, "c", "s", "k", "o", "n"];
const escapeHtml = s => s.replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

// The classes of every code point of a line: syntax colour, then diagnostics.
function lineHtml(text, diags) {
  const chars = Array.from(text);
  const cls = new Array(chars.length).fill("");
  const units = [];
  let u = 0;
  for (const ch of chars) { units.push(u); u += ch.length; }
  const cpAt = unit => { let i = 0; while (i < units.length && units[i] < unit) i++; return i; };
  TOKEN.lastIndex = 0;
  for (const m of text.matchAll(TOKEN)) {
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    const from = cpAt(m.index), to = cpAt(m.index + m[0].length);
    for (let i = from; i < to; i++) cls[i] = CLASSES[group];
  }
  const diag = new Array(chars.length).fill(null);
  for (const d of diags) {
    const from = Math.max(0, d.from), to = Math.min(chars.length, Math.max(d.to, d.from + 1));
    for (let i = from; i < to; i++) if (!diag[i] || d.severity === "error") diag[i] = d;
  }
  let html = "", i = 0;
  while (i < chars.length) {
    const d = diag[i];
    let j = i;
    while (j < chars.length && diag[j] === d) j++;
    let inner = "", k = i;
    while (k < j) {
      let e = k;
      while (e < j && cls[e] === cls[k]) e++;
      const s = escapeHtml(chars.slice(k, e).join(""));
      inner += cls[k] ? `<span class="${cls[k]}">${s}</span>` : s;
      k = e;
    }
    html += d ? `<span class="d-${d.severity}" data-diag="${d.index}" data-line="${d.line}" data-col="${i + 1}">${inner}</span>` : inner;
    i = j;
  }
  // A diagnostic at the end of a line (a missing word) marks one blank cell.
  const tail = diags.find(d => d.from >= chars.length);
  if (tail) html += `<span class="d-${tail.severity}" data-diag="${tail.index}" data-line="${tail.line}" data-col="${chars.length + 1}"> </span>`;
  return html;
}

// ---- editor ---------------------------------------------------------------

const source = $("source"), highlight = $("highlight"), gutter = $("gutter");

function renderLine(n) {
  const el = highlight.children[n];
  if (!el) return;
  el.innerHTML = lineHtml(state.lines[n], state.diagByLine.get(n) || []) || "\u200b";
  const g = gutter.children[n];
  const ds = state.diagByLine.get(n) || [];
  g.className = ds.some(d => d.severity === "error") ? "has-error" : ds.length ? "has-warning" : "";
}

// Re-renders only the lines that changed since the last render.
function syncLines() {
  const next = source.value.split("\n");
  const prev = state.lines;
  let start = 0;
  while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
  let endPrev = prev.length, endNext = next.length;
  while (endPrev > start && endNext > start && prev[endPrev - 1] === next[endNext - 1]) { endPrev--; endNext--; }
  const removed = endPrev - start, added = endNext - start;
  for (let i = 0; i < removed; i++) highlight.children[start]?.remove();
  const before = highlight.children[start] || null;
  for (let i = 0; i < added; i++) highlight.insertBefore(document.createElement("div"), before);
  state.lines = next;
  while (gutter.children.length < next.length) {
    const g = document.createElement("div");
    g.textContent = gutter.children.length + 1;
    gutter.appendChild(g);
  }
  while (gutter.children.length > next.length) gutter.lastChild.remove();
  if (removed !== added) shiftDiagnostics(start, added - removed);
  for (let i = start; i < endNext; i++) renderLine(i);
  syncScroll();
}

// Lines after an edit keep their marks until the next check arrives.
function shiftDiagnostics(from, by) {
  const moved = new Map();
  for (const [n, ds] of state.diagByLine) {
    if (n < from) moved.set(n, ds);
    else if (n + by >= from) moved.set(n + by, ds);
  }
  const changed = new Set([...state.diagByLine.keys(), ...moved.keys()]);
  state.diagByLine = moved;
  for (const n of changed) if (n < state.lines.length) renderLine(n);
}

function syncScroll() {
  highlight.scrollTop = source.scrollTop;
  highlight.scrollLeft = source.scrollLeft;
  gutter.scrollTop = source.scrollTop;
}

function setText(text) {
  source.value = text;
  syncLines();
  onEdited();
}

source.addEventListener("scroll", syncScroll);
source.addEventListener("input", () => { tip.hidden = true; syncLines(); onEdited(); });
source.addEventListener("keydown", e => {
  if (e.key === "Tab" && !e.shiftKey) {
    e.preventDefault();
    document.execCommand("insertText", false, "  ");
  } else if ((e.ctrlKey || e.metaKey) && e.key === "s") {
    e.preventDefault();
    save();
  }
});

// Hover: the diagnostic under the pointer, found through the highlight layer.
const tip = $("tip");
source.addEventListener("mousemove", e => {
  source.style.pointerEvents = "none";
  const el = document.elementFromPoint(e.clientX, e.clientY);
  source.style.pointerEvents = "";
  const mark = el && el.closest && el.closest("[data-diag]");
  const d = mark && state.checked && state.checked.diagnostics[Number(mark.dataset.diag)];
  if (!d) { tip.hidden = true; return; }
  tip.innerHTML = `<span class="code-tag">${d.code}</span> ${escapeHtml(d.message)}`
    + (d.label ? `\n${escapeHtml(d.label)}` : "") + (d.help ? `\n${escapeHtml(d.help)}` : "");
  tip.style.left = `${Math.min(e.clientX + 12, window.innerWidth - 540)}px`;
  tip.style.top = `${e.clientY + 18}px`;
  tip.hidden = false;
});
source.addEventListener("mouseleave", () => { tip.hidden = true; });

// ---- checking as you type -------------------------------------------------

let checking = false, checkAgain = false;

function onEdited() {
  state.revision++;
  renderStatus();
  if (checking) { checkAgain = true; return; }
  runCheck();
}

// One check in flight at a time; edits made meanwhile are checked next.
async function runCheck() {
  checking = true;
  const rev = state.revision, text = source.value;
  try {
    const checked = await apiJson("/api/check", { text });
    applyCheck(checked, rev, text);
  } catch (e) {
    setStatus(e.message, true);
  } finally {
    checking = false;
    if (checkAgain) { checkAgain = false; runCheck(); }
  }
}

function applyCheck(checked, rev, text) {
  checked.diagnostics.forEach((d, i) => { d.index = i; });
  state.checked = checked;
  const langChanged = state.ruleLang !== checked.lang;
  state.ruleLang = checked.lang;
  const byLine = new Map();
  for (const d of checked.diagnostics) {
    for (let line = d.start.line; line <= Math.max(d.start.line, d.end.line); line++) {
      const n = line - 1;
      const lineLen = Array.from(text.split("\n")[n] || "").length;
      const from = line === d.start.line ? d.start.column - 1 : 0;
      const to = line === d.end.line ? d.end.column - 1 : lineLen;
      if (!byLine.has(n)) byLine.set(n, []);
      byLine.get(n).push({ ...d, line, from, to });
    }
  }
  const touched = new Set([...state.diagByLine.keys(), ...byLine.keys()]);
  state.diagByLine = byLine;
  for (const n of touched) renderLine(n);
  const inputsChanged = JSON.stringify(checked.inputs) !== JSON.stringify(state.inputs);
  if (checked.ok && inputsChanged) { state.inputs = checked.inputs; renderForm(); }
  if (langChanged) applyLanguage(); else { renderProblems(); renderStatus(); }
  $("problems").dataset.rev = rev;
  if (checked.ok) scoreNow(); else renderScore({ outcome: "not_compiled" }, state.formRevision);
  readingFor = null;
  refreshReading();
}

function renderProblems() {
  const box = $("problems");
  const checked = state.checked;
  if (!checked) { box.innerHTML = ""; return; }
  box.innerHTML = checked.diagnostics.map(d =>
    `<div class="problem ${d.severity}" data-line="${d.start.line}" data-col="${d.start.column}">`
    + `<span class="where">${d.start.line}:${d.start.column}</span><span class="code-tag">${d.code}</span>`
    + `${escapeHtml(d.message)}${d.help ? ` <span class="help">— ${escapeHtml(d.help)}</span>` : ""}</div>`).join("");
}

// Puts the caret at a 1-based line and character column, and scrolls to it.
function jumpTo(lineNo, col) {
  const lines = source.value.split("\n");
  const line = lineNo - 1;
  let offset = 0;
  for (let i = 0; i < line && i < lines.length; i++) offset += lines[i].length + 1;
  offset += Array.from(lines[line] || "").slice(0, col - 1).join("").length;
  source.focus();
  source.setSelectionRange(offset, offset);
  const lineHeight = parseFloat(getComputedStyle(source).lineHeight) || 21;
  source.scrollTop = Math.max(0, line * lineHeight - source.clientHeight / 3);
}

$("problems").addEventListener("click", e => {
  const p = e.target.closest(".problem");
  if (p) jumpTo(Number(p.dataset.line), Number(p.dataset.col));
});

function setStatus(text, bad) {
  const el = $("status");
  el.textContent = text;
  el.className = bad ? "bad" : "";
}

function renderStatus() {
  const parts = [];
  if (state.path) parts.push(source.value === state.saved ? t("saved") : t("unsaved"));
  else if (state.imported) parts.push(t("imported", state.imported.indicators, state.imported.as_written));
  const c = state.checked;
  if (c) {
    const errors = c.diagnostics.filter(d => d.severity === "error").length;
    const warnings = c.diagnostics.length - errors;
    parts.push(errors || warnings ? [errors && t("errors", errors), warnings && t("warnings", warnings)].filter(Boolean).join("，") : t("ok"));
  }
  setStatus(parts.join(" · "), c && !c.ok);
}

// ---- try a record ---------------------------------------------------------

function renderForm() {
  const form = $("form");
  const values = collectValues();
  form.innerHTML = "";
  for (const input of state.inputs) {
    const label = document.createElement("label");
    label.htmlFor = `in-${input.key}`;
    label.textContent = input.name;
    label.title = `${input.key} · ${input.required ? t("required") : t("optional")}`;
    const cell = document.createElement("div");
    cell.className = "field";
    cell.appendChild(control(input, values[input.key] ?? ""));
    const unit = document.createElement("span");
    unit.className = "unit";
    const hints = [];
    if (input.kind === "number" || input.kind === "rank") hints.push(input.unit);
    if (input.kind === "date") hints.push(t("dateHint"));
    if (input.min !== null && input.max !== null) hints.push(t("range", input.min, input.max));
    unit.textContent = hints.filter(Boolean).join(" · ");
    cell.appendChild(unit);
    const err = document.createElement("div");
    err.className = "field-error";
    err.id = `err-${input.key}`;
    cell.appendChild(err);
    form.append(label, cell);
  }
}

function control(input, value) {
  let el;
  if (input.kind === "yesno" || input.kind === "grade") {
    el = document.createElement("select");
    const options = input.kind === "yesno" ? [["", t("empty")], ["是", t("yes")], ["否", t("no")]]
      : [["", t("empty")], ...input.grades.map(g => [g, g])];
    for (const [v, text] of options) el.add(new Option(text, v, false, v === value));
  } else {
    el = document.createElement("input");
    el.type = "text";
    el.inputMode = input.kind === "date" ? "text" : "decimal";
    el.value = value;
    if (input.kind === "date") el.placeholder = "2021-06-30";
  }
  el.id = `in-${input.key}`;
  el.name = input.key;
  el.addEventListener(el.tagName === "SELECT" ? "change" : "input", () => { state.formRevision++; scoreNow(); });
  return el;
}

function collectValues() {
  const values = {};
  for (const el of $("form").elements) if (el.name) values[el.name] = el.value;
  return values;
}

let scoring = false, scoreAgain = false;

async function scoreNow() {
  if (scoring) { scoreAgain = true; return; }
  scoring = true;
  const rev = state.formRevision;
  try {
    const body = await apiExact("/api/score", { text: source.value, record: collectValues() });
    state.lastScore = { body, rev };
    renderScore(body, rev);
  } catch (e) {
    $("result").innerHTML = `<p class="errors">${escapeHtml(e.message)}</p>`;
  } finally {
    scoring = false;
    if (scoreAgain) { scoreAgain = false; scoreNow(); }
  }
}

function renderScore(body, rev) {
  const box = $("result");
  for (const el of document.querySelectorAll(".field-error")) el.textContent = "";
  for (const el of $("form").elements) el.classList.remove("invalid", "todo");
  if (body.outcome === "not_compiled") {
    box.innerHTML = `<p class="errors">${t("notCompiled")}</p>`;
  } else if (body.outcome === "invalid") {
    const general = [];
    const wrong = body.errors.filter(e => !e.missing);
    const missing = body.errors.filter(e => e.missing && e.key);
    for (const e of wrong) {
      const at = e.key && $(`err-${e.key}`);
      if (at) { at.textContent = e.message; $(`in-${e.key}`).classList.add("invalid"); } else general.push(e.message);
    }
    for (const e of missing) $(`in-${e.key}`)?.classList.add("todo");
    const names = missing.map(e => state.inputs.find(i => i.key === e.key)?.name || e.key);
    box.innerHTML = (wrong.length ? `<p class="errors">${t("fixFields")}</p>` : "")
      + general.map(m => `<p class="errors">${escapeHtml(m)}</p>`).join("")
      + (names.length ? `<p class="hint">${escapeHtml(t("stillMissing", names))}</p>` : "");
  } else {
    box.innerHTML = reportHtml(body.report, body.what_if);
  }
  box.dataset.rev = rev;
}

function reportHtml(r, whatIf) {
  const rows = r.indicators.map(i => {
    const advice = (whatIf[i.name] || []).map(w => `<div class="whatif">${escapeHtml(w)}</div>`).join("");
    const lost = Number(i.deduction) !== 0 ? " lost" : "";
    return `<tr><td>${escapeHtml(i.name)}</td><td class="num">${i.points}</td><td class="num${lost}">${i.score}</td>`
      + `<td>${escapeHtml(i.explanation)}${advice}</td></tr>`;
  }).join("");
  return `<div class="summary"><span>${t("total")}</span><span class="total" id="total">${r.total}</span>`
    + `<span class="of">${t("of", r.full_marks)}</span><span>${t("grade")}</span><span class="grade" id="grade">${escapeHtml(r.grade)}</span></div>`
    + `<table><thead><tr><th>${t("indicator")}</th><th>${t("points")}</th><th>${t("score")}</th><th>${t("explanation")}</th></tr></thead>`
    + `<tbody>${rows}</tbody></table>`;
}

// ---- reading --------------------------------------------------------------

let readingFor = null;

// Fetches the reading model when the panel is shown and the text has changed.
async function refreshReading() {
  if ($("tab-reading").hidden || !state.checked) return;
  const text = source.value;
  if (readingFor === text) return;
  readingFor = text;
  const box = $("reading");
  if (!state.checked.ok) { box.innerHTML = `<p class="hint">${t("readingNone")}</p>`; return; }
  try {
    const reading = await apiJson("/api/reading", { text });
    if (readingFor === text) box.innerHTML = readingHtml(reading);
  } catch (e) {
    box.innerHTML = `<p class="errors">${escapeHtml(e.message)}</p>`;
  }
}

$("reading").addEventListener("click", e => {
  const h = e.target.closest(".reading-ind h3");
  if (h) jumpTo(Number(h.parentElement.dataset.line), Number(h.parentElement.dataset.col));
});

function readingHtml(r) {
  const grades = r.grades.map(g => g.min === null ? escapeHtml(g.name) : `${escapeHtml(g.name)} ≥ ${g.min}`).join(lang() === "zh" ? "，" : ", ");
  const head = `<p class="meta">${t("total")} ${r.total} · ${escapeHtml(r.rounding)}${grades ? ` · ${t("grade")} ${grades}` : ""}</p>`;
  return head + r.indicators.map(indicatorHtml).join("");
}

function indicatorHtml(ind) {
  const path = ind.path.length ? `<span class="meta">${escapeHtml(ind.path.join(" › "))} › </span>` : "";
  const rules = ind.rules.map(ruleHtml).join("");
  return `<div class="reading-ind" data-line="${ind.place.line}" data-col="${ind.place.column}"><h3>${path}${escapeHtml(ind.name)}`
    + ` <span class="meta">${t("points")} ${ind.points} · ${escapeHtml(ind.bounds)}</span></h3>${rules}</div>`;
}

function ruleHtml(rule) {
  if (rule.rule === "deduction" || rule.rule === "bonus") {
    const ladders = rule.ladders.map(l => `<p class="meta">${escapeHtml(l.subject)} · ${escapeHtml(l.policy)}</p>`
      + tiersTable(l.tiers.map(tier => [tier.condition, tier.points, tier.written]), rule.rule)).join("");
    return ladders + (rule.words ? `<p class="meta">${escapeHtml(rule.words)}</p>` : "");
  }
  if (rule.rule === "score" && rule.score === "bands") {
    return `<p class="meta">${escapeHtml(rule.policy)}</p>` + tiersTable(rule.bands.map(b => [b.condition, b.points, b.words]), "score");
  }
  if (rule.rule === "score" && rule.score === "formula") return `<p><code>${escapeHtml(rule.formula)}</code> — ${escapeHtml(rule.words)}</p>`;
  if (rule.rule === "score" && rule.score === "grades") {
    const rows = rule.grades.map(g => `<tr><td>${escapeHtml(g.grade)}</td><td class="num">${g.low ?? "—"}～${g.high ?? "—"}</td></tr>`).join("");
    return `<p class="meta">${escapeHtml(rule.input)} · ${escapeHtml(rule.words)}</p><table><tbody>${rows}</tbody></table>`;
  }
  return `<p>${escapeHtml(rule.words || rule.condition?.words || "")}</p>`;
}

// A tier table: condition, whether the bound is included, points, as written.
function tiersTable(rows, kind) {
  const head = `<tr><th>${t("condition")}</th><th>${t("bound")}</th><th>${t(kind === "bonus" ? "added" : kind === "score" ? "score" : "deduction")}</th><th>${t("written")}</th></tr>`;
  const body = rows.map(([condition, points, written]) => `<tr><td>${escapeHtml(condition.words)}</td>`
    + `<td>${escapeHtml(strictness(condition.test))}</td><td class="num">${points}</td><td>${escapeHtml(written)}</td></tr>`).join("");
  return `<table class="tiers"><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function strictness(test) {
  switch (test.test) {
    case "compare": case "share_of": return test.strict ? t("strict") : t("inclusive");
    case "deviation": return test.inclusive ? t("inclusive") : t("strict");
    case "range": return `${test.low_inclusive ? t("inclusive") : t("strict")} / ${test.high_inclusive ? t("inclusive") : t("strict")}`;
    case "per_step": return test.pro_rata ? t("proRata") : t("wholeSteps");
    case "all": return test.parts.map(p => strictness(p.condition.test)).join("; ");
    default: return "—";
  }
}


// ---- batch ----------------------------------------------------------------

async function readBatch(file) {
  if (SHEET.test(file.name)) {
    state.batchFile = { name: file.name, base64: await base64Of(file) };
    await runBatch();
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let data;
  try { data = new TextDecoder("utf-8", { fatal: true }).decode(bytes); } catch (_) { data = new TextDecoder("gb18030").decode(bytes); }
  state.batchFile = { name: file.name, data };
  await runBatch();
}

async function runBatch() {
  if (!state.batchFile) return;
  try {
    const table = await apiJson("/api/batch", { text: source.value, ...state.batchFile });
    state.lastBatch = table;
    renderBatch(table);
    $("download-csv").disabled = false;
    $("download-xlsx").disabled = false;
  } catch (e) {
    $("batch").innerHTML = `<p class="errors">${escapeHtml(e.message)}</p>`;
  }
}

function renderBatch(table) {
  const head = `<tr><th>${t("line")}</th><th>${t("total")}</th><th>${t("grade")}</th>`
    + table.indicators.map(n => `<th>${escapeHtml(n)}</th>`).join("") + `<th>${t("error")}</th></tr>`;
  const rows = table.rows.map(r => r.error === null
    ? `<tr><td class="num">${r.line}</td><td class="num">${r.total}</td><td>${escapeHtml(r.grade)}</td>`
      + r.scores.map(s => `<td class="num">${s}</td>`).join("") + "<td></td></tr>"
    : `<tr class="failed"><td class="num">${r.line}</td><td colspan="${table.indicators.length + 2}"></td><td class="errors">${escapeHtml(r.error)}</td></tr>`).join("");
  $("batch").innerHTML = `<p>${t("scored", table.scored, table.failed)}</p><div style="overflow:auto"><table id="batch-table"><thead>${head}</thead><tbody>${rows}</tbody></table></div>`;
}

// Downloads the batch's results as `ext` (csv, or xlsx: the 自评表 form).
async function downloadResults(ext) {
  const response = await api(`/api/batch/${ext}`, { text: source.value, ...state.batchFile });
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = `${(state.batchFile.name || "batch").replace(/\.[^.]*$/, "")}.results.${ext}`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const drop = $("drop");
$("batch-file").addEventListener("change", e => { if (e.target.files[0]) readBatch(e.target.files[0]); });
drop.addEventListener("dragover", e => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", e => {
  e.preventDefault();
  drop.classList.remove("over");
  if (e.dataTransfer.files[0]) readBatch(e.dataTransfer.files[0]);
});
$("download-csv").addEventListener("click", () => downloadResults("csv").catch(e => setStatus(e.message, true)));
$("download-xlsx").addEventListener("click", () => downloadResults("xlsx").catch(e => setStatus(e.message, true)));

// ---- import ---------------------------------------------------------------

// A 绩效目标表 becomes a draft in the editor, not tied to a file (saving
// needs a file chosen), exactly as `scorecard import` writes it.
async function importTable(file) {
  if (source.value !== state.saved && source.value.trim() && !confirm(t("replaceDraft"))) return;
  try {
    const { text, summary } = await apiJson("/api/import", { name: file.name, base64: await base64Of(file) });
    state.path = null;
    state.saved = "";
    state.imported = summary;
    $("file").value = "";
    document.title = `scorecard · ${file.name}`;
    setText(text);
  } catch (e) { setStatus(e.message, true); }
}

$("import-file").addEventListener("change", e => { if (e.target.files[0]) importTable(e.target.files[0]); e.target.value = ""; });
const editorBox = $("editor");
editorBox.addEventListener("dragover", e => { if (e.dataTransfer.types.includes("Files")) { e.preventDefault(); editorBox.classList.add("over"); } });
editorBox.addEventListener("dragleave", () => editorBox.classList.remove("over"));
editorBox.addEventListener("drop", e => {
  editorBox.classList.remove("over");
  if (!e.dataTransfer.files[0]) return;
  e.preventDefault();
  importTable(e.dataTransfer.files[0]);
});

// ---- suites ---------------------------------------------------------------

async function runSuites() {
  const box = $("suites");
  if (!state.path) return;
  try {
    const s = await apiJson(`/api/suite?path=${encodeURIComponent(state.path)}`);
    const note = source.value !== state.saved ? `<p class="hint">${t("unsavedSuites")}</p>` : "";
    if (!s.found) { box.innerHTML = note + `<p>${escapeHtml(t("noSuite", s.suite))}</p>`; return; }
    const problems = s.problems.map(p => `<p class="errors">${escapeHtml(p)}</p>`).join("");
    const cases = s.cases.map(c => `<details class="case ${c.passed ? "pass" : "fail"}" ${c.passed ? "" : "open"}>`
      + `<summary>${escapeHtml(c.name)}</summary>${c.passed ? "" : `<pre>${escapeHtml(c.text)}</pre>`}</details>`).join("");
    box.innerHTML = note + `<p><b>${escapeHtml(s.suite)}</b>: ${problems ? "" : t("passed", s.passed, s.failed)}</p>` + problems + cases;
  } catch (e) {
    box.innerHTML = `<p class="errors">${escapeHtml(e.message)}</p>`;
  }
}
$("run-suites").addEventListener("click", runSuites);

// ---- files, saving, formatting --------------------------------------------

async function openFile(path) {
  const file = await apiJson(`/api/file?path=${encodeURIComponent(path)}`);
  state.path = file.path;
  state.saved = file.text;
  state.imported = null;
  state.inputs = [];
  renderForm();
  setText(file.text);
  document.title = `scorecard · ${state.path}`;
  $("suites").innerHTML = "";
}

async function save() {
  if (!state.path) return;
  try {
    const text = source.value;
    await apiJson("/api/save", { path: state.path, text });
    state.saved = text;
    renderStatus();
  } catch (e) { setStatus(e.message, true); }
}

async function formatText() {
  try {
    const { text } = await apiJson("/api/format", { text: source.value });
    if (text === source.value) { setStatus(t("fmtUnchanged")); return; }
    source.focus();
    source.select();
    document.execCommand("insertText", false, text);
    setStatus(t("formatted"));
  } catch (e) { setStatus(e.message, true); }
}

$("save").addEventListener("click", save);
$("format").addEventListener("click", formatText);
$("file").addEventListener("change", e => {
  const next = e.target.value;
  if (!next) return;
  if (state.path && source.value !== state.saved && !confirm(t("discard", state.path))) { e.target.value = state.path; return; }
  openFile(next).catch(err => setStatus(err.message, true));
});
$("lang").addEventListener("change", e => { state.uiLang = e.target.value; applyLanguage(); });
window.addEventListener("beforeunload", e => { if (state.path && source.value !== state.saved) e.preventDefault(); });

// ---- tabs -----------------------------------------------------------------

function showTab(name) {
  for (const b of document.querySelectorAll(".tabs button")) b.setAttribute("aria-selected", String(b.dataset.tab === name));
  for (const tab of document.querySelectorAll(".tab")) tab.hidden = tab.id !== `tab-${name}`;
  if (name === "reading") refreshReading();
}
for (const b of document.querySelectorAll(".tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));

// ---- start ----------------------------------------------------------------

async function start() {
  const params = new URLSearchParams(location.search);
  if (params.get("lang")) { state.uiLang = params.get("lang"); $("lang").value = state.uiLang; }
  showTab(["try", "reading", "batch", "suites"].includes(params.get("tab")) ? params.get("tab") : "try");
  applyLanguage();
  const files = await apiJson("/api/files");
  const select = $("file");
  select.add(new Option(files.files.length ? t("pick") : t("noFile"), ""));
  for (const f of files.files) select.add(new Option(f, f));
  const first = params.get("file") || files.open;
  if (first) { select.value = first; await openFile(first); }
}

window.workbench = { state, setText, scoreNow, runBatch, importTable };
start().catch(e => setStatus(e.message, true));
