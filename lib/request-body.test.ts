import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonBody } from './request-body';

const schema = z.object({ target: z.string() }).strict();
const post = (type: string | null, body = '{"target":"mini-vm"}') =>
  new Request('http://127.0.0.1:3000/api/rebuild', { method: 'POST', headers: type === null ? {} : { 'content-type': type }, body });
const codeOf = async (r: Awaited<ReturnType<typeof readJsonBody>>) => ('error' in r ? (await r.error.json()).error.code : null);

describe('readJsonBody', () => {
  it('takes application/json, with a UTF-8 charset or none', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON']) {
      expect(await readJsonBody(post(type), schema)).toEqual({ data: { target: 'mini-vm' } });
    }
  });
  it('refuses media types that only begin like JSON, and no type at all', async () => {
    for (const type of ['application/json-patch+json', 'application/json+x', 'application/json.x', 'application/json;charset=latin1', 'text/plain', null]) {
      expect(await codeOf(await readJsonBody(post(type), schema)), String(type)).toBe('unsupported_media_type');
    }
  });
});
