import { describe, expect, it } from 'vitest';
import { isJsonMediaType, parseMediaType } from './media-type';

describe('media types', () => {
  it.each([
    ['application/json', true],
    ['Application/JSON', true],
    ['application/json; charset=utf-8', true],
    ['application/json;charset=UTF-8', true],
    ['application/json ; Charset="utf-8"', true],
    ['application/json;', true],
    ['application/json-patch+json', false],
    ['application/json+x', false],
    ['application/json.x', false],
    ['application/jsonx', false],
    ['application/json/x', false],
    ['application/json x', false],
    ['application/json,text/html', false],
    ['text/json', false],
    ['application/ld+json', false],
    ['application/json; charset=latin1', false],
    ['application/json; charset=utf-8; charset=latin1', false],
    ['application/json; charset="utf-8', false],
    ['', false],
    [null, false],
  ])('%s is JSON: %s', (header, json) => {
    expect(isJsonMediaType(header)).toBe(json);
  });

  it('reads type, subtype and parameters', () => {
    const m = parseMediaType('multipart/form-data; boundary="a \\"b\\" c"; x=1');
    expect(m).toMatchObject({ type: 'multipart', subtype: 'form-data' });
    expect([...m!.params]).toEqual([['boundary', 'a "b" c'], ['x', '1']]);
  });
});
