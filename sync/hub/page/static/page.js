// Reloads an event's figures every few seconds, unless the operator is typing a review note.
"use strict";
(function () {
  const figures = document.getElementById("figures");
  if (!figures) return;
  const state = document.getElementById("refresh-state");
  const url = figures.dataset.refreshUrl;
  const every = Number(figures.dataset.refreshSeconds || 5) * 1000;
  function typing() {
    const active = document.activeElement;
    return figures.contains(active) || Array.from(figures.querySelectorAll("input[name=note]")).some((field) => field.value);
  }
  async function refresh() {
    if (!typing()) {
      try {
        const answer = await fetch(url, { credentials: "same-origin", cache: "no-store" });
        if (answer.status === 401) { window.location.assign("/page/sign-in"); return; }
        if (answer.ok) {
          figures.innerHTML = await answer.text();
          state.textContent = "Updated " + new Date().toLocaleTimeString() + ".";
        } else {
          state.textContent = "The hub answered " + answer.status + ": retrying.";
        }
      } catch (error) {
        state.textContent = "The hub does not answer: retrying.";
      }
    }
    window.setTimeout(refresh, every);
  }
  window.setTimeout(refresh, every);
})();
