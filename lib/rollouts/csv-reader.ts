/**
 * A small RFC 4180 reader and writer. Fields are separated by commas and records
 * by CRLF (LF and lone CR are accepted too). A field may be enclosed in double
 * quotes, and then may contain commas, line breaks and doubled quotes ("").
 * Row numbers are 1-based record numbers: a quoted line break does not start a row.
 */

export interface CsvReadError {
  row: number;
  message: string;
}

export interface CsvReadResult {
  /** One entry per record, index = row number − 1. */
  rows: string[][];
  errors: CsvReadError[];
}

export function readCsv(input: string): CsvReadResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  const errors: CsvReadError[] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let pending = false; // the current record has started
  const n = text.length;
  const endField = () => {
    row.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
    pending = false;
  };
  const atRowEnd = (c: string | undefined) => c === "\n" || c === "\r";
  const skipNewline = () => {
    if (text[i] === "\r" && text[i + 1] === "\n") i += 2;
    else i += 1;
  };

  while (i < n) {
    const rowNumber = rows.length + 1;
    if (text[i] === '"' && field === "") {
      // Quoted field: runs to the next quote that is not doubled.
      pending = true;
      i += 1;
      let closed = false;
      while (i < n) {
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          closed = true;
          break;
        }
        field += c;
        i += 1;
      }
      if (!closed) {
        errors.push({ row: rowNumber, message: "A quoted field is never closed: add the closing double quote." });
        endRow();
        break;
      }
      const next = text[i];
      if (next !== undefined && next !== "," && !atRowEnd(next)) {
        errors.push({ row: rowNumber, message: "There is text after a closing quote: put the whole field inside the quotes." });
        while (i < n && text[i] !== "," && !atRowEnd(text[i])) i += 1;
      }
      continue;
    }
    const c = text[i]!;
    if (!atRowEnd(c)) pending = true;
    if (c === ",") {
      endField();
      i += 1;
    } else if (atRowEnd(c)) {
      endRow();
      skipNewline();
    } else {
      if (c === '"') errors.push({ row: rowNumber, message: 'a double quote inside an unquoted field: enclose the field in quotes and double the quote ("")' });
      field += c;
      i += 1;
    }
  }
  // A final record without a trailing line break.
  if (pending) endRow();
  return { rows, errors };
}

function quoteField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Write rows as RFC 4180 text with CRLF line ends. */
export function writeCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return rows.map((r) => r.map(quoteField).join(",")).join("\r\n") + "\r\n";
}
