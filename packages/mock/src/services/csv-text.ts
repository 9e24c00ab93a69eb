// Reads an uploaded CSV file's text into records, for every importer.
// csv-parse's Node build needs Buffer; browsers get its browser build (package.json `imports`).
import { CsvError, parse } from '#csv-sync';
import { invalid } from '../core/errors.js';

/**
 * The file's records, cells trimmed, blank lines left out. A file that is
 * not CSV text is a 422 naming `field`, the form field it came in.
 */
export function csvRecords(text: string, field: string): string[][] {
  if (text.includes('\u0000') || text.includes('\uFFFD')) {
    throw invalid(`${field} is not a CSV text file (it holds binary data or is not UTF-8)`);
  }
  try {
    return parse(text, {
      bom: true,
      trim: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) throw invalid(`${field} is not valid CSV: ${error.message}`);
    throw error;
  }
}
