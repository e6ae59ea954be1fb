// The project form, enhanced: rows are removed in place (with undo), and long lists (co-owners, the
// source project) get a filter box. Without JavaScript the form works the same way: a «Remove this row
// when saving» checkbox on every row, and the plain lists. Texts come from data- attributes (translated).
(function () {
  "use strict";

  function enhanceRow(row) {
    const container = row.closest(".formset-rows");
    const checkbox = row.querySelector(".row-delete input[type=checkbox]");
    if (!container || !checkbox || row.querySelector(".row-remove")) return;
    const wrapper = row.querySelector(".row-delete");
    wrapper.hidden = true;
    const legend = row.querySelector("legend");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "ds-button row-remove";
    remove.dataset.variant = "tertiary";
    remove.dataset.size = "sm";
    remove.textContent = container.dataset.remove + (legend ? " " + legend.textContent.trim().toLowerCase() : "");
    const status = document.createElement("p");
    status.className = "row-removed";
    status.hidden = true;
    status.setAttribute("role", "status");
    const text = document.createElement("span");
    const undo = document.createElement("button");
    undo.type = "button";
    undo.className = "ds-button";
    undo.dataset.variant = "tertiary";
    undo.dataset.size = "sm";
    undo.textContent = container.dataset.undo;
    status.append(text, " ", undo);
    row.append(remove, status);

    function show(removed) {
      checkbox.checked = removed;
      row.classList.toggle("is-removed", removed);
      for (const part of row.querySelectorAll(".formset-row__fields, .kept-file, .muted")) part.hidden = removed;
      remove.hidden = removed;
      status.hidden = !removed;
      text.textContent = removed ? (legend ? legend.textContent.trim() + ": " : "") + container.dataset.removed : "";
      (removed ? undo : remove).focus();
    }
    remove.addEventListener("click", () => show(true));
    undo.addEventListener("click", () => show(false));
    if (checkbox.checked) show(true);
  }

  let pickers = 0;

  function enhancePicker(picker) {
    if (picker.querySelector(".picker-filter")) return;
    const select = picker.querySelector("select");
    const items = select
      ? Array.from(select.options).filter((option) => option.value)
      : Array.from(picker.querySelectorAll("input[type=checkbox]")).map((input) => input.closest("div") || input.parentNode);
    if (items.length < 8) return;
    pickers += 1;
    const id = "picker-filter-" + pickers;
    const field = document.createElement("div");
    field.className = "ds-field picker-filter";
    const label = document.createElement("label");
    label.className = "ds-label";
    label.htmlFor = id;
    label.textContent = picker.dataset.filter;
    const input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.className = "ds-input";
    input.autocomplete = "off";
    const count = document.createElement("span");
    count.className = "picker-count muted";
    count.setAttribute("aria-live", "polite");
    field.append(label, input, count);
    const anchor = select || picker.querySelector("input[type=checkbox]").closest("div[id]") || items[0].parentNode;
    anchor.parentNode.insertBefore(field, anchor);

    input.addEventListener("input", () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const item of items) {
        const chosen = select ? item.selected : item.querySelector("input").checked;
        const text = item.textContent.toLowerCase();
        const match = chosen || words.every((word) => text.includes(word));
        item.hidden = !match;
        if (match) shown += 1;
      }
      count.textContent = words.length ? shown + " " + picker.dataset.count : "";
    });
  }

  function enhance(root) {
    for (const row of root.querySelectorAll(".formset-row")) enhanceRow(row);
    for (const picker of root.querySelectorAll(".picker")) enhancePicker(picker);
  }

  document.addEventListener("DOMContentLoaded", () => enhance(document));
  document.addEventListener("htmx:load", (event) => {
    const element = event.detail.elt;
    if (element.matches && element.matches(".formset-row")) enhanceRow(element);
  });
})();
