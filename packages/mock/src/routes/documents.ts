import type { Route, RouteInput, RouteTable } from '../http/route.js';
import { type DocumentKind, getDocument } from '../services/documents/documents.js';
import {
  createDocument,
  type DocumentInput,
  submitDocument,
  updateDocument,
} from '../services/documents/lifecycle.js';
import { attributesOf, now, one } from './support.js';

const id = (input: RouteInput) => input.params['document-id']!;
const origin = (input: RouteInput) => input.request.url.origin;

/** Create, retrieve, update and submit, the same for each kind of document. */
function kindRoutes<K extends DocumentKind>(kind: K) {
  const given = (input: RouteInput) => attributesOf(input) as DocumentInput[K];
  return {
    create: (input) =>
      one(createDocument(input.org, now(input), origin(input), kind, given(input)), 201),
    retrieve: (input) => one(getDocument(input.org, id(input), kind)),
    update: (input) => one(updateDocument(input.org, origin(input), id(input), kind, given(input))),
    submit: (input) => one(submitDocument(input.org, now(input), id(input), kind)),
  } satisfies Record<string, Route>;
}

const generic = kindRoutes('generic');
const governmentId = kindRoutes('government-id');

export const documentRoutes: RouteTable = {
  createGenericDocument: generic.create,
  retrieveGenericDocument: generic.retrieve,
  updateGenericDocument: generic.update,
  submitGenericDocument: generic.submit,
  createGovernmentIdDocument: governmentId.create,
  retrieveGovernmentIdDocument: governmentId.retrieve,
  updateGovernmentIdDocument: governmentId.update,
  submitGovernmentIdDocument: governmentId.submit,
  retrieveDocument: (input) => one(getDocument(input.org, id(input))),
};
