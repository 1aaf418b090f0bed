// Run by ita_report.report.pdf in the page it prints, never shipped in the published HTML.
//
// The measures table is laid out page by page before printing: rows fill each page and a row
// that does not fit is cut at a line of text, its rest a new row starting the next page whose
// theme cell says "<theme> (ต่อ)". CSS alone cannot do it: a browser prints a continued row
// with an empty theme cell and cannot say where a page starts. Every break is forced here
// (break-before: page) and every row kept whole, so Chromium's own pages are these ones.
//
// The table starts a page (the print CSS breaks before its section). Returns how many rows
// were cut.
(args) => {
  const room = args.pageHeight - args.safety;  // CSS px of one page's content, less a margin
  const minPart = args.minPart;  // never leave or carry less than this of a row
  const table = document.querySelector("table.measures");
  if (!table || !table.tHead || !table.tBodies.length) return 0;
  const head = table.tHead.getBoundingClientRect().height;
  const height = (el) => el.getBoundingClientRect().height;
  // What a row has under its last line of text: the cells' bottom padding and border.
  const below = (row) => Math.max(...[...row.cells].map((cell) => {
    const style = getComputedStyle(cell);
    return parseFloat(style.paddingBottom) + parseFloat(style.borderBottomWidth) + 1;
  }));

  // The text position in `cell` where the line crossing `limit` (a y coordinate) starts.
  function cutPoint(cell, limit) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim()) continue;
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (box.bottom <= limit) continue;
      if (box.top >= limit - 1) return [node, 0];
      // The smallest k whose text up to and including k reaches below the limit.
      let lo = 0, hi = node.data.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        range.setStart(node, 0);
        range.setEnd(node, mid + 1);
        if (range.getBoundingClientRect().bottom > limit) hi = mid; else lo = mid + 1;
      }
      return [node, lo];
    }
    return null;
  }

  function dropEmpty(cell) {
    for (const el of [...cell.querySelectorAll("*")].reverse()) {
      if (!el.textContent.trim() && !el.querySelector("svg, img")) el.remove();
    }
  }

  // Cut `row` at y = `limit`: the rest of each cell goes to a new row after it.
  function cut(row, limit) {
    const rest = row.cloneNode(false);
    rest.classList.add("continued");
    for (const cell of row.cells) {
      const part = cell.cloneNode(false);
      if (cell.classList.contains("theme")) {
        const label = document.createElement("span");
        label.className = "continued-theme";
        label.textContent = cell.textContent.trim() + " (ต่อ)";
        part.appendChild(label);
      } else {
        const at = cutPoint(cell, limit);
        if (at) {
          const range = document.createRange();
          range.setStart(at[0], at[1]);
          range.setEnd(cell, cell.childNodes.length);
          part.appendChild(range.extractContents());
          dropEmpty(cell);
          dropEmpty(part);
        }
      }
      rest.appendChild(part);
    }
    row.after(rest);
    return rest;
  }

  let cuts = 0;
  const rows = table.tBodies[0];
  let row = rows.rows[0];
  // The first page holds whatever stands above the first row (the header rows).
  let used = row ? row.getBoundingClientRect().top - table.getBoundingClientRect().top : 0;
  let guard = 0;
  while (row && guard++ < 2000) {
    row.style.breakInside = "avoid";
    const h = height(row);
    if (used + h <= room) {
      used += h;
      row = row.nextElementSibling;
      continue;
    }
    const left = room - used;
    // The theme's name stays whole above the cut (the cell is as tall as the row: its text
    // is measured).
    const themeText = document.createRange();
    themeText.selectNodeContents(row.cells[0]);
    const themeFits = themeText.getBoundingClientRect().bottom - row.getBoundingClientRect().top
      + 8 <= left;
    if (left >= minPart && h - left >= minPart && themeFits) {
      const rest = cut(row, row.getBoundingClientRect().top + left - below(row));
      if (height(row) <= left + 1 && rest.textContent.trim()) {
        cuts++;
        rest.style.breakBefore = "page";
        used = head;
        row = rest;
        continue;
      }
      // Nothing could be moved (an unbreakable line): undo by moving the row whole.
      for (let i = 0; i < row.cells.length; i++) {
        if (row.cells[i].classList.contains("theme")) continue;
        while (rest.cells[i].firstChild) row.cells[i].appendChild(rest.cells[i].firstChild);
        row.cells[i].normalize();
      }
      rest.remove();
    }
    if (used > head + 1) {
      // The row starts the next page, under the repeated header rows.
      row.style.breakBefore = "page";
      used = head;
      continue;
    }
    // A row taller than a whole page: cut it where the page ends.
    const rest = cut(row, row.getBoundingClientRect().top + (room - used) - below(row));
    cuts++;
    rest.style.breakBefore = "page";
    used = head;
    row = rest;
  }
  return cuts;
}
