/**
 * Aligns rows into columns separated by two spaces, the header first; a column whose cells all
 * look numeric is right-aligned, its title too. Trailing spaces are trimmed.
 *
 * @param header - Column titles.
 * @param rows - Cells as text; a short row is padded with empty cells.
 * @returns The table, one line per row, ending with a newline.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^-?[\d.,]+$|^-$|^$/.test(r[c] ?? '')));
  const line = (r: readonly string[]): string =>
    header
      .map((_, c) => {
        const cell = r[c] ?? '';
        const w = widths[c] as number;
        return numeric[c] === true ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  return all.map(line).join('\n') + '\n';
}
