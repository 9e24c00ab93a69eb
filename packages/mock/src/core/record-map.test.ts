import { describe, expect, it } from 'vitest';
import { RecordMap, recordMapOf } from './record-map.js';
import { CommittedText } from './stored-record.js';
import type { ResourceRecord } from './types.js';

const account = (id: string): ResourceRecord => ({ type: 'account', id, attributes: { n: 1 } });

describe('RecordMap', () => {
  it('is written to JSON as a plain object by id, in stored order, text kept as text', () => {
    const records = new RecordMap([
      ['act_b', account('act_b')],
      ['act_a', '{"type":"account","id":"act_a","attributes":{}}'],
      ['act_c', new CommittedText(JSON.stringify(account('act_c')), account('act_c'))],
    ]);
    const written = JSON.stringify({ accounts: records });
    expect(written).toBe(
      JSON.stringify({
        accounts: {
          act_b: account('act_b'),
          act_a: '{"type":"account","id":"act_a","attributes":{}}',
          act_c: account('act_c'),
        },
      }),
    );
    expect(Object.keys(JSON.parse(written).accounts)).toEqual(['act_b', 'act_a', 'act_c']);
  });

  it('is read back from that plain object, and a map is taken as it is', () => {
    const read = recordMapOf({ act_b: account('act_b'), act_a: account('act_a') });
    expect(read).toBeInstanceOf(RecordMap);
    expect([...read.keys()]).toEqual(['act_b', 'act_a']);
    expect(read.get('act_a')).toEqual(account('act_a'));
    expect(recordMapOf(read)).toBe(read);
  });
});
