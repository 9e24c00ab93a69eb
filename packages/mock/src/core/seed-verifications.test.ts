import { describe, expect, it } from 'vitest';
import { createPersonaMock, seedIds } from '../index.js';
import { fixedId } from './default-seed.js';
import { resolveSeed, seedOrg } from './seed.js';
import { exportSeed } from './seed-export.js';

describe('verification templates in seeds', () => {
  it('the default seed has one of each kind, listed by the inquiry templates that run them', () => {
    const mock = createPersonaMock();
    const seed = exportSeed(mock.core.orgFor('key-seed'));
    expect(seed.verificationTemplates).toEqual([
      {
        id: seedIds.verificationTemplates.governmentId,
        name: 'Government ID',
        verificationType: 'verification/government-id',
      },
      {
        id: seedIds.verificationTemplates.selfie,
        name: 'Selfie',
        verificationType: 'verification/selfie',
      },
      {
        id: seedIds.verificationTemplates.database,
        name: 'Database',
        verificationType: 'verification/database',
      },
    ]);
    const selfieFlow = seed.inquiryTemplates.find((t) => t.id === seedIds.inquiryTemplates.selfie);
    expect(selfieFlow?.verificationTemplateIds).toEqual([
      seedIds.verificationTemplates.governmentId,
      seedIds.verificationTemplates.selfie,
    ]);
  });

  it('refuses an inquiry template that lists a verification template nobody has', () => {
    const missing = fixedId('vtmpl', 'Missing');
    const seed = {
      inquiryTemplates: [
        { id: fixedId('itmpl', 'Broken'), name: 'Broken', verificationTemplateIds: [missing] },
      ],
    };
    expect(() => resolveSeed(seed)).toThrow(
      /seed\.inquiryTemplates\[0\]\.verificationTemplateIds\[0\] vtmpl_Missing0+ names no verification template/,
    );
    const org = createPersonaMock().core.orgFor('key-seed');
    expect(() => seedOrg(org, seed, new Date().toISOString())).toThrow(/vtmpl_Missing/);
    expect(org.collection('inquiry-templates').has(fixedId('itmpl', 'Broken'))).toBe(false);
  });

  it("an inquiry template may list the organization's own verification templates", () => {
    const org = createPersonaMock().core.orgFor('key-seed');
    const id = fixedId('itmpl', 'Database');
    seedOrg(
      org,
      {
        inquiryTemplates: [
          {
            id,
            name: 'Database',
            verificationTemplateIds: [seedIds.verificationTemplates.database],
          },
        ],
      },
      new Date().toISOString(),
    );
    expect(
      exportSeed(org).inquiryTemplates.find((t) => t.id === id)?.verificationTemplateIds,
    ).toEqual([seedIds.verificationTemplates.database]);
  });
});
