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
        // A name longer than what is left of the page ends there; the rest of the row
        // carries it whole.
        const name = cell.textContent.trim();
        const at = cutPoint(cell, limit);
        if (at) {
          const range = document.createRange();
          range.setStart(at[0], at[1]);
          range.setEnd(cell, cell.childNodes.length);
          range.deleteContents();
          dropEmpty(cell);
        }
        const label = document.createElement("span");
        label.className = "continued-theme";
        label.textContent = name + " (ต่อ)";
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

  const visible = (el) => getComputedStyle(el).display !== "none" && height(el) > 0;
  const marginTop = (el) => parseFloat(getComputedStyle(el).marginTop) || 0;

  // Page the blocks between the announcement (a page of its own) and the measures table:
  // each block (title, results, a chart with its heading) goes whole on the page it fits,
  // a forced break before the first that does not; the table then starts under the last
  // one when its header rows and some of its first row fit, else on a new page. Returns
  // the first row's offset on its page, or null (some block taller than a page: the print
  // CSS's own break before the table stands).
  function flowBefore(table, firstRow) {
    const section = table.closest("section.measures-section");
    const main = table.closest("main");
    if (!section || !main) return null;
    const blocks = [];
    for (const child of main.children) {
      for (const block of child.matches("div.output") ? child.children : [child]) {
        // The results in words go paragraph by paragraph: kept whole they left half of the
        // results' page blank (issue 25).
        if (block.matches("section.results-in-words")) blocks.push(...block.children);
        else blocks.push(block);
      }
    }
    const end = blocks.indexOf(section);
    const start = blocks.findIndex((b) => b.matches("section.announcement")) + 1;
    if (end < 0) return null;
    const atoms = [];  // [first element, last element] of each block kept whole
    for (const block of blocks.slice(start, end)) {
      if (!visible(block)) continue;
      const previous = atoms[atoms.length - 1];
      // A heading goes with what follows it (a chart's heading with the chart).
      if (previous && previous[0].matches("h2, h3") && previous[0] === previous[1]) {
        previous[1] = block;
      } else {
        atoms.push([block, block]);
      }
    }
    if (!atoms.length) return null;
    let pageTop = atoms[0][0].getBoundingClientRect().top - marginTop(atoms[0][0]);
    const breaks = [];
    for (const [first, lastOne] of atoms) {
      const top = first.getBoundingClientRect().top - marginTop(first);
      const bottom = lastOne.getBoundingClientRect().bottom;
      if (bottom - top > room) return null;
      if (bottom - pageTop > room) {
        breaks.push(first);
        pageTop = top;
      }
    }
    for (const first of breaks) {
      first.style.breakBefore = "page";
    }
    for (const [first, lastOne] of atoms) {
      for (const el of [first, lastOne]) el.style.breakInside = "avoid";
    }
    const rowTop = firstRow.getBoundingClientRect().top;
    const headTop = table.getBoundingClientRect().top;
    if (room - (rowTop - pageTop) >= 2 * minPart) {
      section.style.breakBefore = "auto";
      return rowTop - pageTop;
    }
    return rowTop - headTop;
  }

  let cuts = 0;
  let last = null, lastStart = 0;  // the last row placed, and where on its page it starts
  const rows = table.tBodies[0];
  let row = rows.rows[0];
  if (!row) return 0;
  // Where the table's first row stands on its page: under what precedes it on that page
  // (flowBefore), or, when that cannot be known, under the header rows of a new page.
  let used = flowBefore(table, row);
  if (used === null) {
    used = row.getBoundingClientRect().top - table.getBoundingClientRect().top;
  }
  let guard = 0;
  while (row && guard++ < 2000) {
    row.style.breakInside = "avoid";
    const h = height(row);
    if (used + h <= room) {
      last = row;
      lastStart = used;
      used += h;
      row = row.nextElementSibling;
      continue;
    }
    const left = room - used;
    if (left >= minPart && h >= 2 * minPart) {
      // Cut where the page ends, or higher so that at least minPart goes over.
      const keep = Math.min(left, h - minPart);
      const rest = cut(row, row.getBoundingClientRect().top + keep - below(row));
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
  // What follows the table (ข้อจำกัด, a signature) is never left alone on a last page: when
  // it is short and does not fit under the table, the last row's end goes over with it.
  const main = table.closest("main") || document.body;
  const tail = main.getBoundingClientRect().bottom - table.getBoundingClientRect().bottom;
  if (last && tail > 1 && used + tail > room && tail <= room / 3) {
    const h = height(last);
    const carry = Math.max(minPart, h / 3);
    if (h - carry >= minPart && head + carry + tail <= room) {
      const rest = cut(last, last.getBoundingClientRect().top + h - carry - below(last));
      if (rest.textContent.trim()) {
        cuts++;
        rest.style.breakBefore = "page";
        rest.style.breakInside = "avoid";
      } else {
        rest.remove();
      }
    } else if (lastStart > head + 1 && head + h + tail <= room) {
      last.style.breakBefore = "page";
    }
  }
  return cuts;
}
