import { send } from './sim-server.mjs';

// Bodies follow the real servers' answers recorded in ../shared/reference.

const JSON_T = 'application/json; charset=utf-8';
const GARBAGE = '\u0000\u0001{"Vers\u00ff<<garbage>>';

export const JELLYFIN_DEMO_KEY = 'c0ffee5e55104bd4a1f2demo0000key1';

// Jellyfin accepts an API key as Token="…" in the MediaBrowser Authorization header, or as X-Emby-Token.
function tokenOf(req) {
  const auth = String(req.headers['x-emby-authorization'] ?? req.headers.authorization ?? '');
  return /Token="([^"]*)"/i.exec(auth)?.[1] ?? req.headers['x-emby-token'];
}

const sessions = [
  { UserName: 'ivan', Client: 'Jellyfin Web', DeviceName: 'Firefox', NowPlayingItem: { Name: 'Big Buck Bunny', Type: 'Movie', RunTimeTicks: 5964000000 }, PlayState: { IsPaused: false, PositionTicks: 1200000000 } },
  { UserName: 'guest', Client: 'Jellyfin Android', DeviceName: 'Pixel', NowPlayingItem: null },
];

/** Jellyfin 10.10: ping answers even while starting; everything else is 503 HTML until ready. */
export function jellyfin(port) {
  const info = () => ({
    LocalAddress: `http://127.0.0.1:${port()}`,
    ServerName: 'mini-vm',
    Version: '10.10.7',
    ProductName: 'Jellyfin Server',
    OperatingSystem: '',
    Id: 'f4c9a1e2b7d84e0c9a3b6d2e1f0a7c55',
    StartupWizardCompleted: true,
  });
  return (req, res, condition, path) => {
    const p = path.toLowerCase();
    if (condition === 'auth') return send(res, 401, 'text/plain', 'Unauthorized');
    if (p === '/system/ping') return send(res, 200, JSON_T, '"Jellyfin Server"');
    if (condition === 'starting') {
      return send(res, 503, 'text/html', '<!DOCTYPE html><html><head><title>Jellyfin</title></head><body>Jellyfin Server is loading. Please try again shortly.</body></html>');
    }
    if (p === '/health') {
      if (condition === 'unhealthy') return send(res, 503, 'text/plain', 'Unhealthy');
      return send(res, 200, 'text/plain', 'Healthy');
    }
    if (p === '/system/info/public') {
      if (condition === 'garbage') return send(res, 200, JSON_T, GARBAGE);
      if (condition === 'wizard') return send(res, 200, JSON_T, JSON.stringify({ ...info(), StartupWizardCompleted: false }));
      return send(res, 200, JSON_T, JSON.stringify(info()));
    }
    if (p === '/sessions') {
      if (tokenOf(req) !== JELLYFIN_DEMO_KEY) return send(res, 401, 'text/plain', 'Unauthorized');
      return send(res, 200, JSON_T, JSON.stringify(sessions));
    }
    if (p === '/' || p === '/web/' || p === '/web/index.html') return send(res, 200, 'text/html', '<!DOCTYPE html><html><head><title>Jellyfin</title></head><body>Jellyfin (demo)</body></html>');
    return send(res, 404, 'text/plain', '');
  };
}

/** Synapse 1.160: /health is plain "OK"; versions come from two unauthenticated endpoints. */
export function synapse() {
  const headers = { server: 'Synapse/1.160.0' };
  const notFound = JSON.stringify({ errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' });
  return (req, res, condition, path) => {
    if (condition === 'auth') return send(res, 401, JSON_T, JSON.stringify({ errcode: 'M_MISSING_TOKEN', error: 'Missing access token' }), headers);
    if (path === '/health') {
      if (condition === 'garbage') return send(res, 200, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>', headers);
      if (condition === 'unhealthy') return send(res, 500, 'text/plain', 'Internal Server Error', headers);
      return send(res, 200, 'text/plain', 'OK', headers);
    }
    if (path === '/_matrix/federation/v1/version') return send(res, 200, JSON_T, JSON.stringify({ server: { name: 'Synapse', version: '1.160.0' } }), headers);
    if (path === '/_synapse/admin/v1/server_version') return send(res, 200, JSON_T, JSON.stringify({ server_version: '1.160.0' }), headers);
    if (path === '/_matrix/client/versions') {
      return send(res, 200, JSON_T, JSON.stringify({ versions: ['r0.6.1', 'v1.1', 'v1.2', 'v1.11', 'v1.12'], unstable_features: { 'fi.mau.msc2659.stable': true } }), headers);
    }
    return send(res, 404, JSON_T, notFound, headers);
  };
}

/** A mautrix-go bridge: 200 {} when live/ready, 500 {} when not. */
export function bridge() {
  return (req, res, condition, path) => {
    if (condition === 'auth') return send(res, 401, JSON_T, JSON.stringify({ errcode: 'M_UNKNOWN_TOKEN', error: 'Invalid token' }));
    if (path === '/_matrix/mau/live') {
      if (condition === 'garbage') return send(res, 200, 'text/plain', GARBAGE);
      return send(res, condition === 'unhealthy' ? 500 : 200, JSON_T, '{}');
    }
    if (path === '/_matrix/mau/ready') return send(res, condition === 'unhealthy' || condition === 'starting' ? 500 : 200, JSON_T, '{}');
    return send(res, 404, JSON_T, JSON.stringify({ errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' }));
  };
}
