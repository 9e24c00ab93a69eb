import { describe, expect, it } from 'vitest';
import { Collection } from '../core/collection.js';
import { RecordMap } from '../core/record-map.js';
import type { ResourceRecord } from '../core/types.js';
import { singleAnswerText } from './answer-text.js';

const tagged = (text: string) =>
  (JSON.parse(text) as { data: ResourceRecord }).data.attributes.tags;

describe('the answer text of one stored object', () => {
  it('follows every change made through its collection, by update or by touch', () => {
    const things = new Collection(new RecordMap());
    const thing = things.insert({ type: 'thing', id: 't_1', attributes: { tags: ['a'] } });
    expect(tagged(singleAnswerText(thing, things))).toEqual(['a']);
    things.update('t_1', (r) => {
      r.attributes.tags = ['b'];
    });
    expect(tagged(singleAnswerText(thing, things))).toEqual(['b']);
    (thing.attributes.tags as string[]).push('c');
    things.touch('t_1');
    expect(tagged(singleAnswerText(thing, things))).toEqual(['b', 'c']);
  });

  it('is made afresh without a collection', () => {
    const loose: ResourceRecord = { type: 'thing', id: 't_2', attributes: { tags: ['x'] } };
    expect(tagged(singleAnswerText(loose))).toEqual(['x']);
    loose.attributes.tags = ['y'];
    expect(tagged(singleAnswerText(loose))).toEqual(['y']);
  });

  it('keeps a few hundred texts, the latest made', () => {
    const things = new Collection(new RecordMap());
    const made: string[] = [];
    for (let i = 0; i < 300; i++) {
      const thing = things.insert({ type: 'thing', id: `t_${i}`, attributes: { n: i } });
      things.answerText(thing.id, () => {
        made.push(thing.id);
        return JSON.stringify(thing);
      });
    }
    // The latest is kept; the first was let go and is made again when asked for.
    things.answerText('t_299', () => 'again');
    things.answerText('t_0', () => {
      made.push('t_0');
      return 'again';
    });
    expect(made.length).toBe(301);
    expect(made.at(-1)).toBe('t_0');
  });
});
