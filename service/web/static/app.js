// The form: reads pasted text or a dropped/chosen file, calls POST /v1/briefs (as an async job for
// long articles, polling /v1/jobs/<id> with a progress bar), and shows the brief or the problem.
import { asMarkdown, asSlack, copyText, linkSources, renderBrief } from "./render.js";

const $ = (id) => document.getElementById(id);
const form = $("brief-form");
const article = $("article");
const POLL_MS = 700;
const state = { busy: false, brief: null };

class Problem extends Error {}

const plain = (text) => String(text).replace(/`/g, "");

function say(text, { progress = false } = {}) {
  $("status-text").textContent = text;
  $("progress").hidden = !progress;
}

function showError(error) {
  const box = $("error");
  const text = error instanceof Problem
    ? error.message
    : "Could not reach the service. Check your connection and try again.";
  box.textContent = `Could not make the brief: ${text}`;
  box.hidden = false;
  say("");
}

async function problemOf(response) {
  try {
    const body = await response.json();
    if (body.detail) return new Problem(plain(body.detail));
    if (body.title) return new Problem(plain(body.title));
  } catch {
    /* not JSON: fall through to the status line */
  }
  return new Problem(`the service answered ${response.status} ${response.statusText}.`);
}

async function getJson(url, options) {
  const response = await fetch(url, { ...options, headers: { Accept: "application/json", ...(options || {}).headers } });
  if (!response.ok && response.status !== 202) throw await problemOf(response);
  return response;
}

async function waitForJob(location) {
  const started = Date.now();
  for (;;) {
    const record = await (await getJson(location)).json();
    if (record.status === "finished") return record.result;
    if (record.status === "failed") throw new Problem(plain((record.error && record.error.detail) || "the job failed."));
    const seconds = Math.round((Date.now() - started) / 1000);
    say(`Long article: working in the background (${record.status}, ${seconds} s)…`, { progress: true });
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function requestBody() {
  const body = { [$("format").value]: article.value, mode: $("mode").value };
  const bullets = Number.parseInt($("bullets").value, 10);
  if (body.mode !== "translate" && Number.isFinite(bullets)) body.bullets = bullets;
  return body;
}

async function submit(event) {
  event.preventDefault();
  if (state.busy) return;
  state.busy = true;
  form.setAttribute("aria-busy", "true");
  $("submit").textContent = "Working…";
  $("error").hidden = true;
  const long = article.value.length > Number(form.dataset.asyncChars);
  say(long ? "Long article: sending it to run in the background…" : "Making the brief…", { progress: true });
  try {
    const response = await getJson(form.dataset.api + (long ? "?async=true" : ""), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(requestBody()),
    });
    const brief = response.status === 202 ? await waitForJob(response.headers.get("Location")) : await response.json();
    state.brief = brief;
    const count = renderBrief(brief, $("result"));
    say(`Brief ready: ${count} ${count === 1 ? "bullet" : "bullets"}.`);
    $("brief-title").focus();
  } catch (error) {
    showError(error);
  } finally {
    state.busy = false;
    form.removeAttribute("aria-busy");
    $("submit").textContent = "Make the brief";
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
const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes("Files");
form.addEventListener("dragover", (e) => { if (hasFiles(e)) e.preventDefault(); });
form.addEventListener("drop", (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  load(e.dataTransfer.files[0]);
});
$("file").addEventListener("change", (e) => load(e.target.files[0]));
$("mode").addEventListener("change", () => { $("bullets").disabled = $("mode").value === "translate"; });
$("copy-markdown").addEventListener("click", () => copy("markdown"));
$("copy-slack").addEventListener("click", () => copy("slack"));
linkSources($("result"));
countChars();
