// Which schema checks a request or response body: its Content-Type must name
// a documented media type, and the validator reads only JSON (and, in
// requests, form fields).
import { getByPointer, joinPointer } from '../pointer.js';
import type { ViolationDraft } from '../types.js';
import type { ValidationContext } from './context.js';
import { documentedMedia, isJsonMediaType } from './http.js';

export type BodySchema =
  | { schemaPointer: string | null; violation?: undefined }
  | { violation: ViolationDraft };

/** A documented body: where it is in the document and the media types it lists. */
interface DocumentedBody {
  pointer: string;
  contentTypes: string[];
}

/**
 * The pointer to the schema that checks a body sent as `contentType`: null
 * when the documented type has no schema or is not one the validator reads.
 * A Content-Type outside the documented ones is the violation, in the words
 * `message` gives for the type received (null: none).
 */
export function bodySchema(
  context: ValidationContext,
  side: 'request' | 'response',
  body: DocumentedBody,
  contentType: string | null | undefined,
  message: (type: string | null) => string,
): BodySchema {
  const media = documentedMedia(contentType, body.contentTypes, message);
  if (media.violation) return media;
  const { type, documentedType } = media;
  const form =
    side === 'request' &&
    (type.startsWith('multipart/') || type === 'application/x-www-form-urlencoded');
  if (!form && !isJsonMediaType(type)) return { schemaPointer: null };
  const schemaPointer = context.memo(`${side} body ${body.pointer} ${documentedType}`, () => {
    const pointer = joinPointer(body.pointer, 'content', documentedType, 'schema');
    return getByPointer(context.document, pointer) === undefined ? null : pointer;
  });
  return { schemaPointer };
}
