package dev.tocsin.app;

import java.io.PrintWriter;
import java.util.List;

/** Prints rows as a left-aligned plain-text table, the first row as the header. */
final class Table {

  private Table() {}

  static void print(PrintWriter out, List<List<String>> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row.get(c).codePointCount(0, row.get(c).length()));
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = row.get(c);
        line.append(cell);
        if (c < columns - 1) {
          line.append(" ".repeat(widths[c] - cell.codePointCount(0, cell.length()) + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
