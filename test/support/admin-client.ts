import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/admin/roles.ts';
import { Users } from '../../src/admin/users.ts';
import type { Runtime } from '../../src/runtime.ts';

/**
 * A console visitor for integration tests: keeps its cookies like a browser, and reads the
 * CSRF token from the last page it was shown, as a form would send it.
 */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  csrf = '';
  /** Who this client last signed in as. */
  email = '';

  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '203.0.113.7',
  ) {}

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: this.headers(), remoteAddress: this.ip }));
  }

  /** A form post; `_csrf` is the token from the last page unless the fields say otherwise. */
  async post(url: string, fields: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams({ _csrf: this.csrf, ...fields }).toString();
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body,
        headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded' },
        remoteAddress: this.ip,
      }),
    );
  }

  /** A multipart form post (a file upload); `_csrf` is the token from the last page unless the form has one. */
  async postMultipart(url: string, form: FormData): Promise<LightMyRequestResponse> {
    if (!form.has('_csrf')) form.set('_csrf', this.csrf);
    return this.remember(await this.app.inject({ method: 'POST', url, payload: form, headers: this.headers(), remoteAddress: this.ip }));
  }

  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    this.email = email;
    await this.get('/admin/login');
    const response = await this.post('/admin/login', { email, password });
    // Tokens are bound to the session: a page seen after signing in carries one that works.
    if (response.statusCode === 303) await this.get('/admin/account');
    return response;
  }

  private headers(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now())) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token !== undefined) this.csrf = token;
    return response;
  }
}

export const TEST_PASSWORD = 'correct horse battery staple';

export async function addUser(runtime: Runtime, email: string, role: Role): Promise<void> {
  await new Users(runtime.store.db).create(email, TEST_PASSWORD, role);
}

/** A signed-in console client with the given role (the user is created first). */
export async function signedIn(app: FastifyInstance, runtime: Runtime, role: Role, ip?: string): Promise<ConsoleClient> {
  const email = `${role}-${Math.random().toString(36).slice(2, 8)}@desk.example`;
  await addUser(runtime, email, role);
  const client = new ConsoleClient(app, ip);
  const response = await client.signIn(email, TEST_PASSWORD);
  if (response.statusCode !== 303) throw new Error(`sign-in as ${role} failed: ${response.statusCode} ${response.body}`);
  return client;
}
