import { invalid } from '../../core/errors.js';

/** The first bytes as Latin-1 text: enough to read a file's signature. */
const head = (b: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...b.subarray(from, to));

/** File types a case accepts as attachments, by their first bytes (works in Node and browsers). */
const acceptedFiles: { name: string; test: (b: Uint8Array) => boolean }[] = [
  { name: 'PDF', test: (b) => head(b, 0, 5) === '%PDF-' },
  { name: 'PNG', test: (b) => b[0] === 0x89 && head(b, 1, 4) === 'PNG' },
  { name: 'JPEG', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { name: 'GIF', test: (b) => head(b, 0, 4) === 'GIF8' },
  { name: 'WebP', test: (b) => head(b, 0, 4) === 'RIFF' && head(b, 8, 12) === 'WEBP' },
];
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface Upload {
  filename: string;
  data: string;
}

/** A case attachment from an upload: base64 of a PDF file or an image, else a 422 naming it. */
export function attachment(caseId: string, upload: Upload, where: string) {
  const text = upload.data.replace(/\s+/g, '');
  if (!base64.test(text)) throw invalid(`${where}.data is not base64`);
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  if (bytes.length === 0) throw invalid(`${where}.data is empty`);
  if (!acceptedFiles.some((f) => f.test(bytes))) {
    throw invalid(`${where} ${upload.filename} is neither a PDF file nor an image`);
  }
  return {
    filename: upload.filename,
    url: `https://files.persona-kit.invalid/cases/${caseId}/${encodeURIComponent(upload.filename)}`,
    'byte-size': bytes.length,
  };
}
