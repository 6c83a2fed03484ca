// The form: reads pasted text or a dropped/chosen file, calls POST /v1/briefs (as an async job for
// long articles, polling /v1/jobs/<id> with a progress bar), and shows the brief or the problem.
import { enableEditing } from "./edit.js";
import { asMarkdown, asSlack, copyText, itemsOf, linkSources, renderBrief } from "./render.js";

const $ = (id) => document.getElementById(id);
const form = $("brief-form");
const article = $("article");
const POLL_MS = 700;
const KEY_STORE = "briefs.apiKey"; // sessionStorage: this tab only, gone when it closes
const state = { busy: false, brief: null };

// A problem+json answer: `code` picks a plain-words lead, `detail` (the service's own words) follows.
class Problem extends Error {
  constructor(detail, { code = "", status = 0 } = {}) {
    super(detail);
    this.code = code;
    this.status = status;
  }
}

const plain = (text) => String(text).replace(/`/g, "").trim();

const LEADS = {
  empty_input: "There is no article to brief. Paste a Hindi article, or open a .txt or .html file, first.",
  no_story_text: "No story text was found in it: only site menus, links and bylines, or a page without text.",
  invalid_input: "The article could not be read.",
  invalid_encoding: "The file is not UTF-8 text. Save it as UTF-8 and open it again.",
  invalid_request: "One of the choices in the form is not valid.",
  unsupported_language: "This does not look like a Hindi article.",
  romanized_hindi: "This looks like Hindi in Latin letters. Paste the article in Devanagari script.",
  input_too_large: "The article is too long for the service. Try a shorter piece.",
  word_too_long: "The text holds a very long run of characters without spaces (encoded data?). Paste the article's text.",
  unsupported_option: "That choice is not available on this service.",
  unsupported_mode: "This model cannot write that kind of brief. Choose another mode.",
  model_unavailable: "The translation model is not available right now. Tell the service's maintainers.",
  generation_failed: "The model failed on this article. Try again, or choose another mode.",
  overloaded: "The service is busy. Wait a few seconds and try again.",
  timeout: "The service took too long to answer.",
  queue_unavailable: "Long articles cannot run in the background right now. Try again later.",
  not_found: "The background job was lost (the service may have restarted). Try again.",
  unauthorized: "This service needs a valid API key. Enter it in the “API key” field above and try again.",
  rate_limited: "Too many requests in a short time. Wait a minute and try again.",
  forbidden: "This API key may read but not save corrections: ask for an editor's key.",
};

function say(text, { progress = false } = {}) {
  $("status-text").textContent = text;
  $("progress").hidden = !progress;
}

function showError(error) {
  const box = $("error");
  let lead = "Could not reach the service. Check your connection and try again.";
  let detail = "";
  if (error instanceof Problem) {
    lead = LEADS[error.code] || "";
    detail = error.message;
  }
  const parts = [el("strong", "error-title", "Could not make the brief.")];
  if (lead) parts.push(" ", el("span", "error-lead", lead));
  if (detail) parts.push(el("span", "error-detail", `${lead ? "Details: " : ""}${detail}`));
  box.replaceChildren(...parts);
  box.dataset.code = error instanceof Problem ? error.code : "network";
  box.hidden = false;
  box.scrollIntoView({ block: "nearest" });
  say("");
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

async function problemOf(response) {
  const meta = { status: response.status };
  try {
    const body = await response.json();
    meta.code = body.code || "";
    if (body.detail || body.title) return new Problem(plain(body.detail || body.title), meta);
  } catch {
    /* not JSON (a proxy's error page): fall through to the status line */
  }
  return new Problem(`The service answered ${response.status} ${response.statusText}.`.replace(" .", "."), meta);
}

function keyHeaders() {
  const key = $("api-key").value.trim();
  return key ? { "X-API-Key": key } : {};
}

async function getJson(url, options) {
  const headers = { Accept: "application/json", ...keyHeaders(), ...(options || {}).headers };
  const response = await fetch(url, { ...options, headers });
  if (!response.ok && response.status !== 202) throw await problemOf(response);
  return response;
}

async function waitForJob(location) {
  const started = Date.now();
  for (;;) {
    const record = await (await getJson(location)).json();
    if (record.status === "finished") return record.result;
    if (record.status === "failed") {
      const problem = record.error || {};
      throw new Problem(plain(problem.detail || "The background job failed."), { code: problem.code, status: problem.status });
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    const where = record.status === "queued" ? "waiting in the queue" : "working on it";
    say(`Long article, running in the background: ${where} (${seconds} s)…`, { progress: true });
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function requestBody() {
  const body = { [$("format").value]: article.value, mode: $("mode").value };
  const bullets = Number.parseInt($("bullets").value, 10);
  if (body.mode !== "translate" && Number.isFinite(bullets)) body.bullets = bullets;
  return body;
}

async function makeBrief(long) {
  say(long ? "Long article: sending it to run in the background…" : "Making the brief…", { progress: true });
  const response = await getJson(form.dataset.api + (long ? "?async=true" : ""), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(requestBody()),
  });
  return response.status === 202 ? waitForJob(response.headers.get("Location")) : response.json();
}

async function submit(event) {
  event.preventDefault();
  if (state.busy) return;
  state.busy = true;
  form.setAttribute("aria-busy", "true");
  $("submit").textContent = "Working…";
  $("error").hidden = true;
  const long = article.value.length > Number(form.dataset.asyncChars);
  try {
    let brief;
    try {
      brief = await makeBrief(long);
    } catch (error) {
      // A synchronous call that ran out of time: the same article again as a background job.
      if (long || !(error instanceof Problem) || error.code !== "timeout") throw error;
      brief = await makeBrief(true);
    }
    state.brief = brief;
    rememberKey();
    const count = renderBrief(brief, $("result"));
    say(`Brief ready: ${count} ${count === 1 ? "bullet" : "bullets"}.`);
    $("brief-title").focus();
  } catch (error) {
    showError(error);
    if (error instanceof Problem && error.code === "unauthorized") {
      $("key-box").hidden = false;
      $("api-key").focus();
    }
  } finally {
    state.busy = false;
    form.removeAttribute("aria-busy");
    $("submit").textContent = "Make the brief";
  }
}

const looksLikeHtml = (text) => /^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])/i.test(text);

function rememberKey() {
  try {
    const key = $("api-key").value.trim();
    if (key) sessionStorage.setItem(KEY_STORE, key);
  } catch {
    /* storage blocked: the key stays in the field until the page is closed */
  }
}

function restoreKey() {
  try {
    const key = sessionStorage.getItem(KEY_STORE);
    if (key) {
      $("api-key").value = key;
      $("key-box").hidden = false;
    }
  } catch {
    /* storage blocked */
  }
}

function countChars() {
  $("char-count").textContent = `${article.value.length.toLocaleString("en")} characters.`;
}

function load(file) {
  if (!file) return;
  const reader = new FileReader();
  const isHtml = /\.html?$/i.test(file.name) || file.type === "text/html";
  reader.onload = () => {
    article.value = reader.result;
    $("format").value = isHtml ? "html" : "text";
    countChars();
    say(`Loaded ${file.name}${isHtml ? " (a web page: the service extracts the story)" : ""}.`);
  };
  reader.onerror = () => showError(new Problem(`could not read ${file.name}.`));
  reader.readAsText(file, "utf-8");
}

async function copy(format) {
  if (!state.brief) return;
  const text = format === "slack" ? asSlack(state.brief) : asMarkdown(state.brief);
  const ok = await copyText(text);
  $("copy-fallback-box").hidden = ok;
  if (!ok) {
    $("copy-fallback").value = text;
    $("copy-fallback").select();
  }
  $("copy-status").textContent = ok ? `Copied for ${format === "slack" ? "Slack" : "Markdown"}.` : "";
}

form.addEventListener("submit", submit);
article.addEventListener("input", countChars);
article.addEventListener("paste", () => {
  // After the paste lands: a whole web page pasted as source switches the format to HTML.
  setTimeout(() => {
    if (looksLikeHtml(article.value) && $("format").value !== "html") {
      $("format").value = "html";
      say("That looks like a web page: the service will extract the story from the HTML.");
    }
  }, 0);
});
const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes("Files");
form.addEventListener("dragover", (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  form.classList.add("is-dropping");
});
form.addEventListener("dragleave", (e) => { if (e.target === form) form.classList.remove("is-dropping"); });
form.addEventListener("drop", (e) => {
  form.classList.remove("is-dropping");
  if (!hasFiles(e)) return;
  e.preventDefault();
  load(e.dataTransfer.files[0]);
});
$("file").addEventListener("change", (e) => load(e.target.files[0]));
const syncBullets = () => { $("bullets").disabled = $("mode").value === "translate"; };
$("mode").addEventListener("change", syncBullets);
$("copy-markdown").addEventListener("click", () => copy("markdown"));
$("copy-slack").addEventListener("click", () => copy("slack"));
linkSources($("result"));
enableEditing($("bullets-list"), {
  save: async (body) => {
    try {
      return await (await getJson(form.dataset.corrections, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      })).json();
    } catch (error) {
      if (!(error instanceof Problem)) throw new Error("could not reach the service.");
      throw new Error(`${LEADS[error.code] || ""} ${error.message}`.trim());
    }
  },
  onSaved: (position, record) => {
    const item = state.brief && itemsOf(state.brief)[position];
    if (item) Object.assign(item, { text: record.translation, corrected: true, correction_id: record.id });
    say("Correction saved: every brief with this sentence now uses your text.");
  },
});
restoreKey();
syncBullets();
countChars();
