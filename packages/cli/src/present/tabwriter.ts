// Go's text/tabwriter (flags 0, space padding), which kubectl lays out its describe blocks and
// tables with. Ported rather than approximated because its column blocks are not per table: a run
// of consecutive lines that all have a tab-terminated cell in a column shares that column's
// width, so `Events:\t<none>` lines up with the pod template's last lines, as in kubectl.

export interface TabwriterOptions {
  /** Narrowest a column gets, padding included. */
  readonly minWidth: number;
  /** Spaces added to the widest cell of a column. */
  readonly padding: number;
}

/** kubectl describe: tabwriter.Writer.Init(buf, 0, 8, 2, ' ', 0) (describe.go tabbedString). */
export const describeLayout: TabwriterOptions = { minWidth: 0, padding: 2 };

/** kubectl get: minwidth 6, padding 3 (cli-runtime printers.GetNewTabWriter). */
export const getLayout: TabwriterOptions = { minWidth: 6, padding: 3 };

/**
 * `text` as one tabwriter flush: cells end at "\t", lines at "\n"; every tab-terminated cell is
 * padded to its column's width, the last cell of a line is written as it is. Widths count code
 * points (Go counts runes). Trailing spaces are dropped: invisible, and kubectl's only come from
 * padding an empty last-but-one cell.
 */
export function tabwrite(text: string, { minWidth, padding }: TabwriterOptions): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const width = (s: string): number => [...s].length;
  const out: string[] = [];
  const widths: number[] = [];
  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      out.push(cells.map((c, j) => (j < widths.length && j < cells.length - 1 ? c + ' '.repeat(Math.max(0, widths[j]! - width(c))) : c)).join(''));
    }
  };
  // text/tabwriter's format: a column block is a run of lines with a cell in this column (the
  // last cell of a line does not count); its width is fixed, then the columns to its right are
  // formatted within the block.
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i]!.length - 1) continue;
      writeLines(line0, i);
      line0 = i;
      let w = minWidth;
      for (; i < line1 && column < lines[i]!.length - 1; i++) w = Math.max(w, width(lines[i]![column]!) + padding);
      widths.push(w);
      format(line0, i);
      widths.pop();
      line0 = i;
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
  return out.map((l) => l.trimEnd()).join('\n');
}
