// Small HTTP helpers: header lookup whatever the container, media type matching.
import type { ViolationDraft } from '../types.js';

export type HeadersInput =
  | Headers
  | Iterable<readonly [string, string]>
  | Record<string, string | string[] | number | null | undefined>
  | undefined;

/** Header values by lower-cased name; repeated headers are joined with `, `. */
export interface HeaderLookup {
  get(name: string): string | undefined;
}

const joined = (value: unknown): string | undefined =>
  value === undefined || value === null
    ? undefined
    : Array.isArray(value)
      ? value.join(', ')
      : String(value);

/**
 * Reads headers whatever the container. A plain object whose names are
 * already lower case (Node's `IncomingMessage.headers`) is read as it is:
 * a validation asks for two or three headers, so copying them all would cost
 * more than the lookups.
 */
export function normalizeHeaders(input: HeadersInput): HeaderLookup {
  if (isFetchHeaders(input)) return { get: (name) => input.get(name) ?? undefined };
  let all: Map<string, string> | undefined;
  const everything = () => {
    if (all) return all;
    all = new Map<string, string>();
    const add = (name: string, value: unknown) => {
      const text = joined(value);
      if (text === undefined) return;
      const key = name.toLowerCase();
      all!.set(key, all!.has(key) ? `${all!.get(key)}, ${text}` : text);
    };
    if (!input) return all;
    if (typeof (input as Iterable<unknown>)[Symbol.iterator] === 'function') {
      for (const [name, value] of input as Iterable<readonly [string, string]>) add(name, value);
    } else {
      for (const [name, value] of Object.entries(input)) add(name, value);
    }
    return all;
  };
  if (!input || typeof (input as Iterable<unknown>)[Symbol.iterator] === 'function')
    return { get: (name) => everything().get(name.toLowerCase()) };
  const record = input as Record<string, unknown>;
  const lowerCase = Object.keys(record).every((name) => name === name.toLowerCase());
  if (!lowerCase) return { get: (name) => everything().get(name.toLowerCase()) };
  return { get: (name) => joined(record[name.toLowerCase()]) };
}

/**
 * Not `instanceof Headers`: in Node the first look at the global `Headers`
 * loads the whole fetch implementation, which a server reading Node's plain
 * header objects never needs. Headers without the tag are read as an iterable.
 */
function isFetchHeaders(input: HeadersInput): input is Headers {
  return Object.prototype.toString.call(input) === '[object Headers]';
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | null | undefined): string | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

/** The documented media type (`application/json`, `application/*`, `*\/*`) that `actual` falls under. */
export function matchMediaType(actual: string, documented: string[]): string | null {
  const exact = documented.find((d) => d.toLowerCase() === actual);
  if (exact) return exact;
  const [type] = actual.split('/');
  return (
    documented.find((d) => d.toLowerCase() === `${type}/*`) ??
    documented.find((d) => d === '*/*') ??
    null
  );
}

export type DocumentedMedia =
  | { type: string; documentedType: string; violation?: undefined }
  | { violation: ViolationDraft };

/**
 * The media type a body's Content-Type names and the documented one it falls
 * under; or, when it names none of them (or nothing), the content-type
 * violation, in the words `message` gives for the type received (null: none).
 */
export function documentedMedia(
  contentType: string | null | undefined,
  documented: string[],
  message: (type: string | null) => string,
): DocumentedMedia {
  const type = mediaType(contentType);
  const documentedType = type === null ? null : matchMediaType(type, documented);
  if (type !== null && documentedType !== null) return { type, documentedType };
  return {
    violation: {
      location: 'content-type',
      pointer: '',
      message: message(type),
      expected: documented,
      received: contentType,
    },
  };
}

export function isJsonMediaType(type: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json$/i.test(type) || type === '*/*';
}

/** Form fields of a multipart body as a plain object; file parts become their file names. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  form.forEach((value, key) => {
    const v = typeof value === 'string' ? value : (value as File).name || 'blob';
    if (key in out) {
      const prev = out[key];
      out[key] = Array.isArray(prev) ? [...prev, v] : [prev, v];
    } else {
      out[key] = v;
    }
  });
  return out;
}

export function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || body === '';
}
