/** One record of a CSV/TSV text: its spreadsheet row number, its first physical line, its cells. */
export interface CsvRecord {
  /** Row number as a spreadsheet shows the file (1-based record index). */
  row: number;
  /** Physical line (1-based) the record starts on. */
  line: number;
  cells: string[];
  /** The record opened a quoted cell that never closed properly; its cells are the raw line. */
  unterminated?: boolean;
}

/**
 * The delimiter of a text table: tab when one of the first non-blank lines (where the header is)
 * has tabs and no more commas than tabs, whatever the file's extension; else comma.
 */
export function sniffDelimiter(text: string): ',' | '\t' {
  let seen = 0;
  for (const line of text.split(/\r\n|\n|\r/, 200)) {
    if (line.trim() === '') continue;
    const tabs = line.split('\t').length - 1;
    const commas = line.split(',').length - 1;
    if (tabs > 0 && tabs >= commas) return '\t';
    if (++seen >= 10) break;
  }
  return ',';
}

/**
 * RFC 4180 records: delimiters and line breaks inside double quotes, `""` for a quote, a quote
 * that does not start a cell is an ordinary character. A quoted cell that is never closed (or
 * closed and followed by stray text) makes its record `unterminated`: that record holds the raw
 * text of the line it starts on, and reading resumes on the next line, so it never swallows the
 * rows after it.
 */
export function csvRecords(text: string, delimiter: ',' | '\t'): CsvRecord[] {
  return Array.from(csvRecordStream(text, delimiter));
}

/**
 * The records of `csvRecords`, one at a time: reading a 100,000-row file never holds more than
 * the record being read (a second pass starts a new stream over the same text).
 */
export function* csvRecordStream(text: string, delimiter: ',' | '\t'): Generator<CsvRecord> {
  let count = 0;
  const n = text.length;
  const delimiterCode = delimiter.charCodeAt(0);
  let pos = 0;
  let line = 1;
  while (pos < n) {
    const start = pos;
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    let broken = false;
    let done = false;
    let i = pos;
    let lines = 0;
    while (!done) {
      if (i >= n) {
        cells.push(cell);
        break;
      }
      const ch = text[i]!;
      if (ch === '"' && cell === '' && atCellStart(text, i, delimiter)) {
        // quoted cell
        let j = i + 1;
        let value = '';
        let closed = false;
        while (j < n) {
          const q = text.indexOf('"', j);
          const end = q < 0 ? n : q;
          lines += lineBreaks(text, j, end);
          value += text.slice(j, end);
          if (q < 0) {
            j = n;
            break;
          }
          if (text[q + 1] === '"') {
            value += '"';
            j = q + 2;
            continue;
          }
          closed = true;
          j = q + 1;
          break;
        }
        const next = text[j];
        if (!closed || (j < n && next !== delimiter && next !== '\n' && next !== '\r')) {
          broken = true;
          break;
        }
        cell = value;
        i = j;
        continue;
      }
      if (ch === delimiter) {
        cells.push(cell);
        cell = '';
        i++;
      } else if (ch === '\r' || ch === '\n') {
        cells.push(cell);
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        lines++;
        done = true;
      } else {
        // the rest of an unquoted cell, in one slice
        let j = i + 1;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delimiterCode || c === 10 || c === 13) break;
          j++;
        }
        cell += text.slice(i, j);
        i = j;
      }
    }
    if (broken) {
      const eol = /\r\n|\n|\r/g;
      eol.lastIndex = start;
      const m = eol.exec(text);
      const end = m ? m.index : n;
      yield {
        row: ++count,
        line: startLine,
        cells: text.slice(start, end).split(delimiter),
        unterminated: true,
      };
      pos = m ? m.index + m[0].length : n;
      line = startLine + 1;
      continue;
    }
    yield { row: ++count, line: startLine, cells };
    pos = i;
    line = startLine + lines;
  }
}

function atCellStart(text: string, i: number, delimiter: string): boolean {
  if (i === 0) return true;
  const prev = text[i - 1];
  return prev === delimiter || prev === '\n' || prev === '\r';
}

/** Line breaks (CRLF, LF or CR) in text[from, to). */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) count++;
  }
  return count;
}
