import { invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { ResourceRecord } from '../core/types.js';

/** A file as requests send it: base64 content and a name. */
export interface Upload {
  data: string;
  filename: string;
}

/** A file as Persona answers it: its name, size and a URL that carries its own access token. */
export interface StoredFile {
  filename: string;
  url: string;
  'byte-size': number;
}

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The size in bytes of base64 content; a 422 naming `where` when it is not base64. */
export function decodedSize(data: string, where: string): number {
  const compact = data.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 === 1 || !base64.test(compact)) {
    throw invalid(`${where}.data is not base64-encoded content`);
  }
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  return Math.floor((compact.length * 3) / 4) - padding;
}

/** Where the mock serves an owner's file: `/__mock/files/<owner-id>/<name>?access_token=…`. */
export const filePath = (ownerId: string, filename: string) =>
  `/__mock/files/${ownerId}/${encodeURIComponent(filename)}`;

/**
 * Keeps an uploaded file's name on its owner (a document or transaction,
 * inside its update) under a new access token, and answers the file as
 * Persona shows it. The mock keeps no content: the URL serves a small
 * stand-in file of the same kind (http/document-files.ts).
 */
export function keepUpload(
  owner: ResourceRecord,
  origin: string,
  upload: Upload,
  where: string,
): StoredFile {
  const size = decodedSize(upload.data, where);
  const token = newId('ftok', 32).slice('ftok_'.length);
  const files = (owner.internal?.files ?? {}) as Record<string, string>;
  owner.internal = { ...owner.internal, files: { ...files, [token]: upload.filename } };
  return {
    filename: upload.filename,
    url: `${origin}${filePath(owner.id, upload.filename)}?access_token=${token}`,
    'byte-size': size,
  };
}

/** Whether an owner still serves a file of that name under that token. */
export function servesFile(owner: ResourceRecord, filename: string, token: string): boolean {
  const files = owner.internal?.files as Record<string, string> | undefined;
  return files !== undefined && Object.hasOwn(files, token) && files[token] === filename;
}

/** Stops serving every file of an owner (its URLs answer 404 from then on). */
export function forgetFiles(owner: ResourceRecord): void {
  if (owner.internal) delete owner.internal.files;
}
