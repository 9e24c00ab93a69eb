import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';
import { isVerificationKind, type VerificationKind } from './kinds.js';

/** `vtmpl_X` → `vtmplv_X`: each verification template of the mock has one published version. */
export const verificationTemplateVersionId = (templateId: string) =>
  `vtmplv_${templateId.slice(templateId.indexOf('_') + 1)}`;

/** The organization's verification template of that id, if any, and its kind. */
export function findVerificationTemplate(
  org: Org,
  id: string,
): { template: ResourceRecord; kind: VerificationKind } | undefined {
  const template = org.collection('verification-templates').get(id);
  const kind = template?.type.slice('verification-template/'.length);
  return template && isVerificationKind(kind) ? { template, kind } : undefined;
}
