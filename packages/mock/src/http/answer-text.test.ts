import { describe, expect, it } from 'vitest';
import { Collection } from '../core/collection.js';
import type { ResourceRecord } from '../core/types.js';
import { singleAnswerText } from './answer-text.js';

const tagged = (text: string) =>
  (JSON.parse(text) as { data: ResourceRecord }).data.attributes.tags;

describe('the answer text of one stored object', () => {
  it('follows every change made through its collection, by update or by touch', () => {
    const things = new Collection({});
    const thing = things.insert({ type: 'thing', id: 't_1', attributes: { tags: ['a'] } });
    expect(tagged(singleAnswerText(thing))).toEqual(['a']);
    things.update('t_1', (r) => {
      r.attributes.tags = ['b'];
    });
    expect(tagged(singleAnswerText(thing))).toEqual(['b']);
    (thing.attributes.tags as string[]).push('c');
    things.touch('t_1');
    expect(tagged(singleAnswerText(thing))).toEqual(['b', 'c']);
  });

  it('is made afresh for an object the store never counted', () => {
    const loose: ResourceRecord = { type: 'thing', id: 't_2', attributes: { tags: ['x'] } };
    expect(tagged(singleAnswerText(loose))).toEqual(['x']);
    loose.attributes.tags = ['y'];
    expect(tagged(singleAnswerText(loose))).toEqual(['y']);
  });

  it('counts an object read from text from its first use', () => {
    const stored = {
      t_3: JSON.stringify({ type: 'thing', id: 't_3', attributes: { tags: ['p'] } }),
    };
    const things = new Collection(stored);
    const thing = things.get('t_3') as ResourceRecord;
    expect(tagged(singleAnswerText(thing))).toEqual(['p']);
    things.update('t_3', (r) => {
      r.attributes.tags = ['q'];
    });
    expect(tagged(singleAnswerText(thing))).toEqual(['q']);
  });
});
