import http from 'node:http';

/**
 * The browser's own floor for this page: the HTML the dashboard just served, with every script
 * removed, from a bare node:http server (stylesheets and other assets are relayed from the
 * dashboard). What the real page takes beyond this is the server's render and our JavaScript.
 */
export async function startPaintFloor(dashboardUrl) {
  const html = (await (await fetch(`${dashboardUrl}/`)).text()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
  const server = http.createServer(async (req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(html);
    }
    try {
      const r = await fetch(dashboardUrl + req.url);
      const headers = { 'content-type': r.headers.get('content-type') ?? 'application/octet-stream' };
      const cache = r.headers.get('cache-control');
      if (cache) headers['cache-control'] = cache;
      res.writeHead(r.status, headers);
      res.end(Buffer.from(await r.arrayBuffer()));
    } catch {
      res.writeHead(502).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, stop: () => new Promise((r) => server.close(() => r())) };
}
