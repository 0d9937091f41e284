import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { brotliCompressSync, createGzip, deflateSync, gzipSync } from 'node:zlib';
import { rssFeed, sampleStory } from './wire-samples.ts';

/**
 * A loopback HTTP server that plays every way a feed can go wrong, for transport tests:
 * each path is one behaviour (see ROUTES). It records every request so a test can check what
 * the poller sent (conditional headers, credentials) and how often it came.
 */

export const GOOD_FEED = rssFeed([sampleStory(1, { seed: 7 }), sampleStory(2, { seed: 7 }), sampleStory(3, { seed: 7 })]);
export const GOOD_ETAG = '"good-feed-v1"';
export const GOOD_LAST_MODIFIED = 'Sun, 29 Nov 2026 06:00:00 GMT';
export const BASIC = { username: 'wire-user', password: 'correct horse' };
export const BEARER = 'token-for-the-sample-wire';
export const API_KEY = { header: 'X-Api-Key', value: 'key-1234567890' };

const MALFORMED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Unclosed</item></channel>';
const XXE = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>XXE</title><item><title>&secret;</title><guid>xxe-1</guid><description>&secret;</description></item></channel></rss>`;
const ENTITY_BOMB = `<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Bomb</title><item><title>&lol9;</title><guid>bomb-1</guid><description>&lol9;</description></item></channel></rss>`;
/** One good item between two with dates no parser should guess at. */
export const BAD_DATES_FEED = rssFeed([sampleStory(20, { seed: 7 })], {
  extraItems: [
    `<item><title>Dated on the thirty-second</title><guid>bad-date-1</guid><pubDate>Mon, 32 Nov 2026 25:61:00 +0530</pubDate><description>&lt;p&gt;Pune, Nov 29 A story whose date is impossible.&lt;/p&gt;</description></item>`,
    `<item><title>Dated yesterday-ish</title><guid>bad-date-2</guid><pubDate>sometime last week</pubDate><description>&lt;p&gt;Pune, Nov 29 A story whose date is words.&lt;/p&gt;</description></item>`,
  ],
});
const HTML_PAGE = '<!DOCTYPE html><html><head><title>Login</title></head><body><p>Please sign in to continue.</p></body></html>';

/** 100 MB, produced lazily so the server never holds it: the client must hang up first. */
const HUGE_BYTES = 100 * 1024 * 1024;

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
}

type Handler = (request: IncomingMessage, response: ServerResponse, server: FaultServer) => void | Promise<void>;

const xml = { 'content-type': 'application/rss+xml; charset=utf-8' };

const ROUTES: Record<string, Handler> = {
  '/feed.xml': (request, response) => {
    if (request.headers['if-none-match'] === GOOD_ETAG || request.headers['if-modified-since'] === GOOD_LAST_MODIFIED) {
      response.writeHead(304, { etag: GOOD_ETAG }).end();
      return;
    }
    response.writeHead(200, { ...xml, etag: GOOD_ETAG, 'last-modified': GOOD_LAST_MODIFIED }).end(GOOD_FEED);
  },
  '/gzip.xml': (_request, response) => {
    response.writeHead(200, { ...xml, 'content-encoding': 'gzip' }).end(gzipSync(GOOD_FEED));
  },
  '/deflate.xml': (_request, response) => {
    response.writeHead(200, { ...xml, 'content-encoding': 'deflate' }).end(deflateSync(GOOD_FEED));
  },
  '/br.xml': (_request, response) => {
    response.writeHead(200, { ...xml, 'content-encoding': 'br' }).end(brotliCompressSync(GOOD_FEED));
  },
  '/malformed.xml': (_request, response) => void response.writeHead(200, xml).end(MALFORMED),
  '/xxe.xml': (_request, response) => void response.writeHead(200, xml).end(XXE),
  '/entity-bomb.xml': (_request, response) => void response.writeHead(200, xml).end(ENTITY_BOMB),
  '/bad-dates.xml': (_request, response) => void response.writeHead(200, xml).end(BAD_DATES_FEED),
  '/html': (_request, response) => void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML_PAGE),
  '/empty.xml': (_request, response) => void response.writeHead(200, xml).end(),
  '/truncated.xml': (_request, response) => void response.writeHead(200, xml).end(GOOD_FEED.slice(0, Math.floor(GOOD_FEED.length / 2))),
  /** 100 MB of XML-looking text with no Content-Length: only the decompressed-size cap can stop it. */
  '/huge.xml': async (_request, response) => {
    response.writeHead(200, xml);
    await pipeline(zeros(HUGE_BYTES, 'x'), response).catch(() => undefined);
  },
  /** ~100 KB on the wire that inflates to 100 MB. */
  '/gzip-bomb.xml': async (_request, response) => {
    response.writeHead(200, { ...xml, 'content-encoding': 'gzip' });
    await pipeline(zeros(HUGE_BYTES, '\0'), createGzip({ level: 9 }), response).catch(() => undefined);
  },
  /** Accepts the connection and never answers. */
  '/hang': () => undefined,
  /** Sends headers and half a feed, then stalls forever. */
  '/hang-body': (_request, response) => {
    response.writeHead(200, xml);
    response.write(GOOD_FEED.slice(0, 200));
  },
  '/429': (_request, response) => void response.writeHead(429, { 'retry-after': '120' }).end('slow down'),
  '/503': (_request, response) =>
    void response.writeHead(503, { 'retry-after': new Date(Date.now() + 600_000).toUTCString() }).end('maintenance'),
  '/500': (_request, response) => void response.writeHead(500).end('oops'),
  '/redirect-loop': (_request, response) => void response.writeHead(302, { location: '/redirect-loop' }).end(),
  '/auth/basic': (request, response) => {
    const expected = `Basic ${Buffer.from(`${BASIC.username}:${BASIC.password}`).toString('base64')}`;
    authorised(response, request.headers.authorization === expected);
  },
  '/auth/bearer': (request, response) => authorised(response, request.headers.authorization === `Bearer ${BEARER}`),
  '/auth/header': (request, response) => authorised(response, request.headers[API_KEY.header.toLowerCase()] === API_KEY.value),
};

function authorised(response: ServerResponse, ok: boolean): void {
  if (ok) response.writeHead(200, xml).end(GOOD_FEED);
  else response.writeHead(401, { 'www-authenticate': 'Basic realm="wire"' }).end('no');
}

function zeros(total: number, fill: string): Readable {
  const chunk = Buffer.alloc(64 * 1024, fill);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) this.push(null);
      else {
        sent += chunk.length;
        this.push(chunk);
      }
    },
  });
}

export class FaultServer {
  readonly requests: RecordedRequest[] = [];
  #server: Server;
  #port = 0;

  private constructor() {
    this.#server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      this.requests.push({ path, headers: request.headers });
      // /redirect/N/<target>: N more hops, then the target path.
      const redirect = /^\/redirect\/(\d+)(\/.*)$/.exec(path);
      if (redirect !== null) {
        const remaining = Number(redirect[1]);
        const target = redirect[2] ?? '/feed.xml';
        response
          .writeHead(remaining % 2 === 0 ? 301 : 307, { location: remaining <= 1 ? target : `/redirect/${remaining - 1}${target}` })
          .end();
        return;
      }
      const handler = ROUTES[path];
      if (handler === undefined) response.writeHead(404).end('not found');
      else void handler(request, response, this);
    });
  }

  static async start(): Promise<FaultServer> {
    const server = new FaultServer();
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    server.#port = (server.#server.address() as AddressInfo).port;
    return server;
  }

  url(path: string, host = '127.0.0.1'): string {
    return `http://${host}:${this.#port}${path}`;
  }

  hits(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
