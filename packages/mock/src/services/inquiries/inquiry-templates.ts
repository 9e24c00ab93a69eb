import { invalid } from '../../core/errors.js';
import type { Org } from '../../core/org.js';
import type { ResourceRecord } from '../../core/types.js';

/**
 * A template's version id carries the template's own suffix
 * (`itmpl_X` → `itmplv_X`): each template of the mock has one published version.
 */
export const templateVersionId = (templateId: string) =>
  `itmplv_${templateId.slice(templateId.indexOf('_') + 1)}`;

/** The template an inquiry starts from, named by its id or its version's id. */
export function templateOf(
  org: Org,
  templateId: string | undefined,
  versionId: string | undefined,
): ResourceRecord {
  const templates = org.collection('inquiry-templates');
  if (templateId !== undefined) {
    const template = templates.get(templateId);
    if (!template) {
      throw invalid(
        `data.attributes.inquiry-template-id ${templateId} names no inquiry template of this organization`,
      );
    }
    if (versionId !== undefined && versionId !== templateVersionId(template.id)) {
      throw invalid(
        `data.attributes.inquiry-template-version-id ${versionId} is not a version of inquiry template ${template.id}`,
      );
    }
    return template;
  }
  const id = versionId ? `itmpl_${versionId.slice(versionId.indexOf('_') + 1)}` : '';
  const template = templates.get(id);
  if (!template) {
    throw invalid(
      `data.attributes.inquiry-template-version-id ${versionId} names no inquiry template version of this organization`,
    );
  }
  return template;
}
