import { allOf, createdBetween, listPage } from '../http/list.js';
import type { RouteInput, RouteTable } from '../http/route.js';
import {
  type ApiKeyInput,
  createApiKey,
  expireApiKey,
  getApiKey,
  updateApiKey,
  withValue,
} from '../services/api-keys/api-keys.js';
import { attributeIs, attributesOf, metaOf, now, one } from './support.js';

const apiKeyId = (input: RouteInput) => input.params['api-key-id']!;
const changes = (input: RouteInput) => attributesOf(input) as ApiKeyInput;

export const apiKeyRoutes: RouteTable = {
  listApiKeys: (input) => {
    const { filter } = input.query;
    return listPage(input, input.org.collection('api-keys'), {
      where: allOf(attributeIs('name', filter.name), createdBetween(filter)),
    });
  },
  createApiKey: (input) => {
    const made = createApiKey(input.org, input.core.credentials, now(input), changes(input));
    return one(withValue(made.key, made.value), 201);
  },
  retrieveApiKey: (input) => one(getApiKey(input.org, apiKeyId(input))),
  updateApiKey: (input) => one(updateApiKey(input.org, apiKeyId(input), changes(input))),
  expireApiKey: (input) => {
    const seconds = metaOf(input)['expires-in-seconds'] as number;
    const nowMs = input.core.clockOf(input.org).nowMs();
    return one(expireApiKey(input.org, apiKeyId(input), nowMs, seconds));
  },
};
