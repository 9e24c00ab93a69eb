// A passed government ID verification as the API answers it: the payload of
// verification events in tests.
export const governmentId = {
  type: 'verification/government-id',
  id: 'ver_Qm4Zt7Lc2Vx9Hk5Rn8Jp3Wb6',
  attributes: {
    status: 'passed',
    'created-at': '2025-01-01T00:00:00.000Z',
    'created-at-ts': 1735689600,
    'completed-at': '2025-01-01T00:01:00.000Z',
    'country-code': 'US',
    'id-class': 'dl',
    'name-first': 'ADA',
    checks: [
      { name: 'id_expired_detection', status: 'passed', reasons: [], requirement: 'required' },
    ],
  },
  relationships: { inquiry: { data: { type: 'inquiry', id: 'inq_Xz3Vb8Nm2Qw5Lk7Jh4Gf6Ds9' } } },
};
