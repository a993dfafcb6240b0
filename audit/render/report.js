// Sorting and filtering of the claim table: reads the rows' data from the JSON block, never from the page text.
(() => {
  "use strict";
  const claims = JSON.parse(document.getElementById("claim-data").textContent);
  const table = document.getElementById("claim-table");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const original = new Map(rows.map((row, i) => [row, i]));
  const data = (row) => claims[row.dataset.claim];
  const keys = { score: (c) => c.score, status: (c) => c.status_rank, kind: (c) => c.kind };
  const filters = {
    text: document.getElementById("filter-text"),
    outlet: document.getElementById("filter-outlet"),
    signal: document.getElementById("filter-signal"),
  };
  const shown = document.getElementById("claims-shown");

  function sort(button) {
    const header = button.closest("th");
    const direction = header.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    const key = keys[button.dataset.sort];
    for (const th of table.tHead.rows[0].cells) th.removeAttribute("aria-sort");
    header.setAttribute("aria-sort", direction === 1 ? "ascending" : "descending");
    rows.sort((a, b) => {
      const x = key(data(a)), y = key(data(b));
      return (x < y ? -1 : x > y ? 1 : 0) * direction || original.get(a) - original.get(b);
    });
    body.append(...rows);
  }

  function filter() {
    const text = filters.text.value.trim().toLowerCase();
    const outlet = filters.outlet.value, signal = filters.signal.value;
    let count = 0;
    for (const row of rows) {
      const c = data(row);
      const match = (!text || c.search.includes(text)) && (!outlet || c.outlet === outlet)
        && (!signal || c.signals.includes(signal));
      row.hidden = !match;
      count += match;
    }
    shown.textContent = `${count} of ${rows.length} claims shown`;
  }

  for (const button of table.querySelectorAll("th button[data-sort]")) {
    button.addEventListener("click", () => sort(button));
  }
  filters.text.addEventListener("input", filter);
  filters.outlet.addEventListener("change", filter);
  filters.signal.addEventListener("change", filter);
})();
