import { describe, expect, it } from 'vitest';
import { parseUpstreams } from './caddy-upstreams';

describe('parseUpstreams', () => {
  it('reads the shape the Caddy docs show, ignoring healthy', () => {
    const body = '[{"address":"localhost:8096","healthy":false,"num_requests":4,"fails":2},{"address":"10.0.1.2:80","num_requests":5,"fails":4}]';
    expect(parseUpstreams(body)).toEqual({
      upstreams: [
        { address: 'localhost:8096', numRequests: 4, fails: 2 },
        { address: '10.0.1.2:80', numRequests: 5, fails: 4 },
      ],
    });
  });
  it('treats an empty list as no proxies, and skips entries without an address', () => {
    expect(parseUpstreams('[]')).toEqual({ upstreams: [] });
    expect(parseUpstreams('[{"fails":1},{"address":"x:1","fails":"many"}]')).toEqual({ upstreams: [{ address: 'x:1', numRequests: 0, fails: 0 }] });
  });
  it('describes anything else instead of throwing', () => {
    expect(parseUpstreams('<html>nope</html>').upstreamsError).toMatch(/not the upstream list/);
    expect(parseUpstreams('').upstreamsError).toMatch(/empty/);
    expect(parseUpstreams('{"address":"x"}').upstreamsError).toBeDefined();
  });
});
