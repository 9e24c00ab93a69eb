/** The kinds of verification the mock runs, by the name their types share. */
export const verificationKinds = ['government-id', 'selfie', 'database'] as const;
export type VerificationKind = (typeof verificationKinds)[number];

export const isVerificationKind = (value: unknown): value is VerificationKind =>
  verificationKinds.includes(value as VerificationKind);

interface KindRules {
  /** Checks a passed verification reports, each passed. */
  checks: readonly string[];
  /** The check a failed verification fails, and the reason it gives. */
  failing: { name: string; reason: string };
  /** Attributes of this kind beyond the shared ones, null until evidence is read. */
  attributes: readonly string[];
  /** Personal attributes copied from the inquiry, as the person entered them. */
  fromInquiry: readonly string[];
}

const name = ['name-first', 'name-middle', 'name-last', 'birthdate'] as const;
/** A street address, as documents and verifications read it. */
export const address = [
  'address-street-1',
  'address-street-2',
  'address-city',
  'address-subdivision',
  'address-postal-code',
] as const;

/** What each kind checks and reports. */
export const kindRules: Record<VerificationKind, KindRules> = {
  'government-id': {
    checks: [
      'id_barcode_detection',
      'id_blur_detection',
      'id_expired_detection',
      'id_portrait_detection',
      'id_tamper_detection',
      'id_inquiry_comparison',
    ],
    failing: { name: 'id_portrait_detection', reason: 'portrait_not_found' },
    attributes: [
      'id-class',
      'capture-method',
      ...name,
      'document-number',
      'issue-date',
      'expiration-date',
      'front-photo-url',
      'back-photo-url',
      'selfie-photo-url',
    ],
    fromInquiry: name,
  },
  selfie: {
    checks: [
      'selfie_liveness_detection',
      'selfie_multiple_faces_detection',
      'selfie_pose_detection',
      'selfie_id_comparison',
    ],
    failing: { name: 'selfie_id_comparison', reason: 'no_match' },
    attributes: [
      'capture-method',
      'center-photo-url',
      'left-photo-url',
      'right-photo-url',
      'document-similarity-score',
    ],
    fromInquiry: [],
  },
  database: {
    checks: ['database_identity_comparison', 'database_address_comparison'],
    failing: { name: 'database_identity_comparison', reason: 'no_match' },
    attributes: [
      ...name,
      ...address,
      'normalized-address-street-1',
      'normalized-address-street-2',
      'normalized-address-city',
      'normalized-address-subdivision',
      'normalized-address-postal-code',
      'identification-number',
      'document-number',
      'phone-number',
      'email-address',
    ],
    fromInquiry: [...name, ...address, 'identification-number', 'phone-number', 'email-address'],
  },
};

export interface VerificationCheck {
  name: string;
  status: 'passed' | 'failed';
  reasons: string[];
  requirement: 'required';
  metadata: Record<string, unknown>;
}

/** The checks a verification of this kind reports when it passed or failed. */
export function checksFor(
  kind: VerificationKind,
  outcome: 'passed' | 'failed',
): VerificationCheck[] {
  const rules = kindRules[kind];
  return rules.checks.map((check) => {
    const fails = outcome === 'failed' && check === rules.failing.name;
    return {
      name: check,
      status: fails ? 'failed' : 'passed',
      reasons: fails ? [rules.failing.reason] : [],
      requirement: 'required',
      metadata: {},
    };
  });
}
