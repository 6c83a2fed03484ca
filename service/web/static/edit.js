// Editing a bullet in place: the Hindi sentence it translates is shown above a text box; Save posts
// POST /v1/corrections (through the `save` function the page gives), and the bullet then shows the
// editor's text, marked as a correction. Only bullets made from ONE sentence (extractive and
// translate briefs) can be edited: a correction belongs to a sentence.

const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

let editors = 0;

function openEditor(li, { save, onSaved }) {
  if (li.querySelector(".bullet-editor")) return;
  const id = `edit-${(editors += 1)}`;
  const box = el("div", "bullet-editor");
  const source = el("p", "edit-source", li.dataset.source);
  source.lang = "hi";
  source.id = `${id}-source`;
  const label = el("label", "", "Your English for this sentence");
  label.htmlFor = id;
  const area = el("textarea", "edit-text");
  area.id = id;
  area.rows = 3;
  area.value = li.querySelector(".bullet-text").textContent;
  area.setAttribute("aria-describedby", source.id);
  const saveButton = el("button", "edit-save", "Save correction");
  saveButton.type = "button";
  const cancel = el("button", "edit-cancel", "Cancel");
  cancel.type = "button";
  const status = el("p", "edit-status");
  status.setAttribute("role", "status");
  const actions = el("div", "edit-actions");
  actions.append(saveButton, cancel);
  box.append(el("p", "help", "Hindi sentence:"), source, label, area, actions, status);
  li.append(box);
  li.querySelector(".edit-bullet").hidden = true;
  area.focus();

  const close = () => {
    box.remove();
    li.querySelector(".edit-bullet").hidden = false;
    li.focus();
  };
  cancel.addEventListener("click", close);
  saveButton.addEventListener("click", async () => {
    const translation = area.value.trim();
    if (!translation) {
      status.textContent = "Write the English first.";
      return;
    }
    saveButton.disabled = true;
    status.textContent = "Saving…";
    try {
      const record = await save({ source: li.dataset.source, translation, replaces: li.querySelector(".bullet-text").textContent });
      li.querySelector(".bullet-text").textContent = record.translation;
      // The warnings were about the model's text: the service checks the editor's on the next brief.
      li.querySelectorAll(".bullet-warnings").forEach((node) => node.remove());
      li.classList.remove("has-warnings");
      markCorrected(li);
      onSaved(Number(li.dataset.position), record);
      close();
    } catch (error) {
      status.setAttribute("role", "alert");
      status.textContent = `Not saved: ${error.message}`;
      saveButton.disabled = false;
    }
  });
}

export function markCorrected(li) {
  li.classList.add("is-corrected");
  if (!li.querySelector(".corrected-badge")) {
    li.querySelector(".bullet-ref").append(" ", el("span", "corrected-badge", "Editor's correction"));
  }
}

export function enableEditing(list, options) {
  list.addEventListener("click", (event) => {
    const button = event.target.closest(".edit-bullet");
    if (button) openEditor(button.closest("li"), options);
  });
}
