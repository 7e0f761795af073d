// Paging for the projector wall: cards are measured once at the column width, then laid
// out column by column into pages that fit the wall exactly, so nothing is ever cut and a
// wall of any size is shown in full, one page after the other.

// How many columns the wall gets: about 14 em of card text per column, at most 4.
export function columnCount(wall) {
  const em = parseFloat(getComputedStyle(wall).getPropertyValue("--card-font")) || 24;
  return Math.max(1, Math.min(4, Math.floor(wall.clientWidth / (em * 14))));
}

// Measure the cards at the width of one column; a card taller than the wall gets a smaller
// type (class "long", then "longer"), so even a 280-character idea fits on a 4:3 beamer.
export function measure(wall, cards, columns, gap) {
  const width = Math.floor((wall.clientWidth - gap * (columns - 1)) / columns);
  const height = wall.clientHeight;
  const probe = document.createElement("div");
  probe.className = "wall-probe";
  probe.style.width = width + "px";
  wall.append(probe);
  probe.append(...cards);
  const sizes = cards.map((card) => {
    for (const size of ["", "long", "longer"]) {
      if (size) card.classList.add(size);
      if (card.offsetHeight <= height) break;
    }
    return card.offsetHeight;
  });
  probe.remove();
  return { sizes, height, width };
}

// Greedy, in order: fill a column until the next card does not fit, then the next column,
// then the next page. Returns pages as lists of columns of card indexes.
export function paginate(sizes, height, columns, gap) {
  const pages = [];
  let page = [];
  let column = [];
  let used = 0;
  sizes.forEach((size, index) => {
    const need = column.length ? used + gap + size : size;
    if (column.length && need > height) {
      page.push(column);
      column = [];
      used = 0;
      if (page.length === columns) { pages.push(page); page = []; }
    }
    used = column.length ? used + gap + size : size;
    column.push(index);
  });
  if (column.length) page.push(column);
  if (page.length) pages.push(page);
  return pages;
}
