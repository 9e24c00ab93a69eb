import type { RouteInput, RouteTable } from '../http/route.js';
import { getDocument } from '../services/documents/documents.js';
import {
  createGenericDocument,
  createGovernmentIdDocument,
  type GenericInput,
  type GovernmentIdInput,
  submitDocument,
  updateGenericDocument,
  updateGovernmentIdDocument,
} from '../services/documents/lifecycle.js';
import { attributesOf, now, one } from './support.js';

const id = (input: RouteInput) => input.params['document-id']!;
const origin = (input: RouteInput) => input.request.url.origin;
const generic = (input: RouteInput) => attributesOf(input) as GenericInput;
const governmentId = (input: RouteInput) => attributesOf(input) as GovernmentIdInput;

export const documentRoutes: RouteTable = {
  createGenericDocument: (input) =>
    one(createGenericDocument(input.org, now(input), origin(input), generic(input)), 201),
  retrieveGenericDocument: (input) => one(getDocument(input.org, id(input), 'generic')),
  updateGenericDocument: (input) =>
    one(updateGenericDocument(input.org, origin(input), id(input), generic(input))),
  submitGenericDocument: (input) =>
    one(submitDocument(input.org, now(input), id(input), 'generic')),
  createGovernmentIdDocument: (input) =>
    one(createGovernmentIdDocument(input.org, now(input), origin(input), governmentId(input)), 201),
  retrieveGovernmentIdDocument: (input) => one(getDocument(input.org, id(input), 'government-id')),
  updateGovernmentIdDocument: (input) =>
    one(updateGovernmentIdDocument(input.org, origin(input), id(input), governmentId(input))),
  submitGovernmentIdDocument: (input) =>
    one(submitDocument(input.org, now(input), id(input), 'government-id')),
  retrieveDocument: (input) => one(getDocument(input.org, id(input))),
};
