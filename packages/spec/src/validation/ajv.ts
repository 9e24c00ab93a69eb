// One Ajv (draft 2020-12) per document. The whole document is added as a schema
// under DOCUMENT_ID, so a schema anywhere in it compiles by pointer
// (`openapi.json#/paths/~1accounts/get/…/schema`) and its `#/components/schemas/…`
// refs resolve against the document itself: nothing is copied or rewritten.

import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDocument } from '../types.js';

export const DOCUMENT_ID = 'openapi.json';

// ajv-formats is CommonJS: Node hands over module.exports, bundlers may hand over `.default`.
type AddFormats = typeof addFormatsModule.default;
const addFormats = (addFormatsModule.default ?? addFormatsModule) as AddFormats;

/** OpenAPI keywords that annotate schemas without constraining them. */
const OPENAPI_KEYWORDS = ['example', 'xml', 'externalDocs', 'discriminator'];

function extensionKeywords(document: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    // Keys, not entries: no pair arrays for every property of a large document.
    for (const key of Object.keys(node)) {
      if (key.startsWith('x-')) found.add(key);
      walk((node as Record<string, unknown>)[key]);
    }
  };
  walk(document);
  return [...found];
}

export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export interface DocumentAjv {
  ajv: Ajv2020;
  /** The compiled validator of the schema at `pointer`, compiled on first use and kept. */
  validatorAt(pointer: string): SchemaValidator;
}

function pointerToFragment(pointer: string): string {
  return pointer
    .split('/')
    .map((segment) => encodeURIComponent(segment).replaceAll('%7E', '~'))
    .join('/');
}

export function createDocumentAjv(document: OpenApiDocument): DocumentAjv {
  const ajv = new Ajv2020({
    allErrors: true,
    // Errors carry the failing schema and data: messages name the allowed properties.
    verbose: true,
    // Unknown keywords and formats fail loudly (a typo in the spec is a bug);
    // type strictness would only log noise about valid OpenAPI idioms.
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    // The document is not a JSON Schema; only the fragments we compile are.
    validateSchema: false,
  });
  addFormats(ajv);
  ajv.addVocabulary([...OPENAPI_KEYWORDS, ...extensionKeywords(document)]);
  // Ajv compiles the root once (to an empty check) before resolving a fragment in it:
  // its top-level fields (`openapi`, `paths`, …) must be known keywords too.
  ajv.addVocabulary(Object.keys(document).filter((key) => !ajv.getKeyword(key)));
  ajv.addSchema(document as object, DOCUMENT_ID);

  const cache = new Map<string, ValidateFunction>();
  return {
    ajv,
    validatorAt(pointer) {
      let validate = cache.get(pointer);
      if (!validate) {
        validate = ajv.getSchema(`${DOCUMENT_ID}#${pointerToFragment(pointer)}`);
        if (!validate) throw new Error(`no schema at ${pointer}`);
        cache.set(pointer, validate);
      }
      return validate;
    },
  };
}
