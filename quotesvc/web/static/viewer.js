// quotesvc viewer: suggestions, instant speaker filter and a quote tooltip. Everything works without it.
"use strict";
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
  suggestSpeakers();
  const text = document.getElementById("article-text");
  if (!text) return;
  filterSpeakers(text);
  tooltips(text);
});

// Ask the API for speakers whose name or alias starts with what is typed.
function suggestSpeakers() {
  const input = document.querySelector("input[data-suggest]");
  const list = input && document.getElementById(input.getAttribute("list"));
  if (!list) return;
  let timer = null;
  let asked = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) return;
    timer = setTimeout(async () => {
      const mine = ++asked;
      try {
        const r = await fetch(`${input.dataset.suggest}?page_size=10&q=${encodeURIComponent(q)}`,
                              { headers: { Accept: "application/json" } });
        if (!r.ok || mine !== asked) return;
        const body = await r.json();
        list.replaceChildren(...body.items.map((s) => new Option(s.name, s.name)));
      } catch (_) { /* the server-rendered suggestions stay */ }
    }, 150);
  });
}

// Apply the speaker checkboxes at once, without a round trip.
function filterSpeakers(text) {
  const form = document.querySelector("form.speaker-filter");
  if (!form) return;
  const boxes = [...form.querySelectorAll('input[name="speaker"]')];
  const apply = () => {
    const shown = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
    text.querySelectorAll("[data-speaker]").forEach((el) => {
      const on = shown.has(el.dataset.speaker);
      el.classList.toggle("off", !on);
      if (el.id) el.tabIndex = on ? 0 : -1;
    });
    document.querySelectorAll(".notes li[data-speaker]").forEach((li) => { li.hidden = !shown.has(li.dataset.speaker); });
    if (form.method.toLowerCase() === "get") {
      const url = new URL(window.location.href);
      url.searchParams.delete("speaker"); url.searchParams.delete("only"); url.searchParams.delete("all");
      url.searchParams.delete("filter");
      if (shown.size !== boxes.length) {
        url.searchParams.set("filter", "1");
        shown.forEach((k) => url.searchParams.append("speaker", k));
      }
      history.replaceState(null, "", url);
    }
  };
  boxes.forEach((b) => b.addEventListener("change", apply));
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.name === "only") boxes.forEach((b) => { b.checked = b.value === button.value; });
    else if (button.name === "all") boxes.forEach((b) => { b.checked = true; });
    else return;
    event.preventDefault();
    apply();
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); apply(); });
}

// One tooltip for the innermost quote under the pointer or with focus.
function tooltips(text) {
  const tip = document.getElementById("tip");
  if (!tip) return;
  text.querySelectorAll("mark.q[title]").forEach((m) => m.removeAttribute("title"));
  const show = (mark) => {
    if (!mark || mark.classList.contains("off")) { tip.hidden = true; return; }
    const [head, ...rest] = mark.dataset.tip.split("\n");
    const b = document.createElement("b");
    b.textContent = head;
    tip.replaceChildren(b, rest.join("\n"));
    tip.hidden = false;
    const box = mark.getClientRects()[0] || mark.getBoundingClientRect();
    const left = Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = `${Math.max(8, left)}px`;
    tip.style.top = `${box.bottom + window.scrollY + 6}px`;
  };
  const hide = () => { tip.hidden = true; };
  text.addEventListener("mouseover", (e) => show(e.target.closest("mark.q")));
  text.addEventListener("mouseleave", hide);
  text.addEventListener("focusin", (e) => show(e.target.closest("mark.q")));
  text.addEventListener("focusout", hide);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hide(); });
  window.addEventListener("resize", hide);
}
