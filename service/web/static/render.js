// Renders a brief (title, bullets, warnings, Hindi sentences), links bullets to their sources,
// and formats it for copying. Every piece of text goes in through textContent, never as HTML.
import { markCorrected } from "./edit.js";

const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

export const itemsOf = (brief) => (brief.bullets && brief.bullets.length ? brief.bullets : brief.translations || []);

function warningsBlock(warnings) {
  const details = el("details", "bullet-warnings");
  const word = warnings.length === 1 ? "warning" : "warnings";
  details.append(el("summary", "", `Check: ${warnings.length} ${word}`));
  const list = el("ul");
  warnings.forEach((w) => list.append(el("li", "", w)));
  details.append(list);
  return details;
}

// A correction belongs to one Hindi sentence: bullets of one sentence (not abstractive) can be edited.
const editable = (brief, item) => brief.mode !== "abstractive" && brief.language !== "en" && item.source_indexes.length === 1;

function bulletItem(item, position, brief) {
  const li = el("li", "bullet");
  li.tabIndex = 0;
  li.dataset.position = String(position);
  li.dataset.source = item.source_text;
  li.dataset.sources = item.source_indexes.join(" ");
  // Screen readers read the Hindi source sentence(s) as the bullet's description.
  li.setAttribute("aria-describedby", item.source_indexes.map((i) => `s-${i}`).join(" "));
  li.append(el("p", "bullet-text", item.text));
  const refs = item.source_indexes.map((i) => i + 1).join(", ");
  li.append(el("p", "bullet-ref", item.source_indexes.length > 1 ? `From sentences ${refs}` : `From sentence ${refs}`));
  if (item.corrected) markCorrected(li);
  if (editable(brief, item)) {
    const edit = el("button", "edit-bullet", "Edit");
    edit.type = "button";
    edit.setAttribute("aria-label", `Edit bullet ${position + 1} and save it as a correction`);
    li.append(edit);
  }
  if (item.warnings && item.warnings.length) {
    li.classList.add("has-warnings");
    li.append(warningsBlock(item.warnings));
  }
  return li;
}

function sentenceNodes(sentences, cited) {
  const paragraphs = [];
  let current = null;
  let last = null;
  for (const s of sentences) {
    if (s.paragraph !== last) {
      current = el("p", "paragraph");
      paragraphs.push(current);
      last = s.paragraph;
    } else {
      current.append(" ");
    }
    const span = el("span", "sentence", s.text);
    span.id = `s-${s.index}`;
    span.dataset.index = String(s.index);
    span.dataset.n = String(s.index + 1);
    if (cited.has(s.index)) {
      span.classList.add("is-cited");
      span.tabIndex = 0;
    }
    current.append(span);
  }
  return paragraphs;
}

export function renderBrief(brief, root) {
  const items = itemsOf(brief);
  const title = brief.title || (brief.mode === "translate" ? "Translation" : "Brief");
  root.querySelector("#brief-title").textContent = title;
  root.querySelector("#title-source").textContent = brief.title_source || "";
  const warnings = brief.warnings || [];
  root.querySelector("#brief-warnings").hidden = warnings.length === 0;
  root.querySelector("#brief-warning-list").replaceChildren(...warnings.map((w) => el("li", "", w)));
  root.querySelector("#bullets-list").replaceChildren(...items.map((item, i) => bulletItem(item, i, brief)));
  const cited = new Set(items.flatMap((item) => item.source_indexes));
  root.querySelector("#sentences").replaceChildren(...sentenceNodes(brief.sentences || [], cited));
  const ms = brief.timings_ms && brief.timings_ms.total;
  const seconds = ms ? `${(ms / 1000).toFixed(1)} s` : "";
  let took = seconds ? ` in ${seconds}` : "";
  if (brief.cached) took = seconds ? `, from the cache (first made in ${seconds})` : ", from the cache";
  root.querySelector("#meta").textContent = `${brief.mode} mode, model ${brief.model}${took}.`;
  root.hidden = false;
  return items.length;
}

export function linkSources(root) {
  // The latest of hover and keyboard/click focus wins; when it ends, the other one shows again.
  const state = { hover: null, focus: null, last: "focus" };
  const bullets = () => [...root.querySelectorAll("#bullets-list > li")];
  const sentences = () => [...root.querySelectorAll(".sentence")];
  const indexesOf = (li) => li.dataset.sources.split(" ").filter(Boolean).map(Number);
  const panel = root.querySelector(".sources");
  // On wide screens the Hindi column is its own scroll box: bring the source into it, page unmoved.
  const intoPanel = (sentence) => {
    if (!sentence || panel.scrollHeight <= panel.clientHeight + 1) return;
    const box = panel.getBoundingClientRect();
    const at = sentence.getBoundingClientRect();
    if (at.top < box.top || at.bottom > box.bottom) panel.scrollTop += at.top - box.top - 24;
  };
  const show = () => {
    const active = state.last === "hover" ? state.hover || state.focus : state.focus || state.hover;
    let wanted = new Set();
    let linked = [];
    if (active && active.matches("#bullets-list > li")) {
      wanted = new Set(indexesOf(active));
      linked = [active];
    } else if (active) {
      const index = Number(active.dataset.index);
      wanted.add(index);
      linked = bullets().filter((li) => indexesOf(li).includes(index));
    }
    for (const s of sentences()) s.classList.toggle("is-source", wanted.has(Number(s.dataset.index)));
    if (wanted.size && active.matches("#bullets-list > li")) intoPanel(root.querySelector(`#s-${Math.min(...wanted)}`));
    for (const li of bullets()) li.classList.toggle("is-linked", linked.includes(li));
  };
  const target = (event) => event.target.closest && event.target.closest("#bullets-list > li, .sentence");
  // mousemove, not mouseover: scrolling (say, Tab focusing a bullet) fires mouseover under a mouse that
  // did not move, and that must not take the highlight away from the focused bullet.
  root.addEventListener("mousemove", (e) => {
    const now = target(e);
    if (now === state.hover && state.last === "hover") return;
    state.hover = now;
    state.last = "hover";
    show();
  });
  root.addEventListener("mouseleave", () => { state.hover = null; show(); });
  root.addEventListener("focusin", (e) => { state.focus = target(e); state.last = "focus"; show(); });
  root.addEventListener("focusout", () => { state.focus = null; show(); });
  const reveal = (e) => {
    const li = target(e);
    if (!li || !li.matches("#bullets-list > li")) return;
    const first = root.querySelector(`#s-${indexesOf(li)[0]}`);
    if (first) first.scrollIntoView({ block: "nearest", behavior: "smooth" });
  };
  root.addEventListener("keydown", (e) => { if (e.key === "Enter" && !e.target.closest(".bullet-editor")) reveal(e); });
  root.addEventListener("click", (e) => { if (!e.target.closest("summary, a, button, .bullet-editor")) reveal(e); });
}

const flag = (item) => (item.warnings && item.warnings.length ? " ⚠️" : "");
const markdownEscape = (text) => text.replace(/([\\`*_[\]<>#|])/g, "\\$1");
const slackEscape = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function asMarkdown(brief) {
  const lines = itemsOf(brief).map((item) => `- ${markdownEscape(item.text)}${flag(item)}`);
  return `## ${markdownEscape(brief.title || "Brief")}\n\n${lines.join("\n")}\n`;
}

export function asSlack(brief) {
  const lines = itemsOf(brief).map((item) => `• ${slackEscape(item.text)}${flag(item)}`);
  return `*${slackEscape(brief.title || "Brief")}*\n${lines.join("\n")}\n`;
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el("textarea", "offscreen");
    area.value = text;
    area.setAttribute("readonly", "");
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}
