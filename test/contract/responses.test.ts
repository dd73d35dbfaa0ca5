// The contract, checked from outside: a broad corpus of requests to the real server on a real socket, each response
// checked against the served OpenAPI document with Ajv (JSON Schema 2020-12, the document's own schemas): status
// documented, media type documented, body valid, every required header present. Every documented parameter example
// answers 2xx.
import t from 'tap';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { build } from '../helper.js';

type Schema = Record<string, unknown>;
interface MediaObject {
  schema?: Schema;
}
interface ResponseObject {
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, MediaObject>;
}
interface Operation {
  operationId: string;
  parameters?: { name: string; in: 'query' | 'path'; description?: string; schema: Schema }[];
  responses: Record<string, ResponseObject>;
}
interface OpenApi {
  paths: Record<string, { get: Operation }>;
  components: { schemas: Record<string, Schema> };
}

const pointer = (...parts: string[]) => parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
const exampleOf = (description = '') => /Example: `([^`]*)`/.exec(description)?.[1];

t.test('every response of a broad corpus is what the OpenAPI document says', async (t) => {
  const app = await build(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const document = (await (await fetch(`${origin}/openapi.json`)).json()) as OpenApi;

  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const base = 'https://pvd65.invalid/openapi.json';
  ajv.addSchema({ ...document, $id: base });
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  const validatorAt = (path: string) => {
    let validate = validators.get(path);
    if (!validate) validators.set(path, (validate = ajv.compile({ $ref: `${base}#/${path}` })));
    return validate;
  };

  // Path templates, most specific first, to find the operation of a URL.
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  const operationOf = (url: string) => templates.find(({ pattern }) => pattern.test(url.split('?')[0] as string))?.template;

  let checked = 0;
  const statuses = new Set<number>();
  async function check(url: string, init: RequestInit = {}, expect?: (status: number) => boolean) {
    const response = await fetch(`${origin}${url}`, { redirect: 'manual', ...init });
    const label = `${init.method ?? 'GET'} ${url.length > 120 ? `${url.slice(0, 120)}…` : url} ${JSON.stringify(init.headers ?? {})}`;
    const template = operationOf(url);
    if (!template) return t.fail(`${label}: no documented path`);
    const documented = document.paths[template]?.get.responses[String(response.status)];
    statuses.add(response.status);
    checked++;
    if (expect && !expect(response.status)) t.fail(`${label}: unexpected status ${response.status}`);
    if (!documented) return t.fail(`${label}: status ${response.status} is not documented for ${template}`);
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      if (header.required && !response.headers.has(name)) t.fail(`${label}: required header ${name} missing (status ${response.status})`);
    }
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status === 304 || init.method === 'HEAD') {
      if (body.length !== 0) t.fail(`${label}: body on ${init.method ?? 'GET'} ${response.status}`);
      return;
    }
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const media = documented.content?.[mediaType];
    if (!media?.schema) return t.fail(`${label}: media type ${mediaType} not documented for ${response.status}`);
    const path = pointer('paths', template, 'get', 'responses', String(response.status), 'content', mediaType, 'schema');
    const text = body.toString('utf8');
    const textual = mediaType.startsWith('text/') || mediaType.endsWith('ndjson');
    const value = textual ? text : /json$/.test(mediaType) ? JSON.parse(text) : undefined;
    if (value === undefined) return; // bytes (the SQLite file): typed by its media type only
    const validate = validatorAt(path);
    if (!validate(value)) t.fail(`${label}: body does not match ${path}: ${ajv.errorsText(validate.errors)}`);
  }

  const requests: { url: string; init?: RequestInit; expect?: (status: number) => boolean }[] = [];
  const ok = (status: number) => status >= 200 && status < 300;
  for (const [template, { get: operation }] of Object.entries(document.paths)) {
    const pathParameters = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
    let url = template;
    for (const parameter of pathParameters) url = url.replace(`{${parameter.name}}`, exampleOf(parameter.description) ?? 'missing-example');
    requests.push({ url, expect: ok }, { url, init: { method: 'HEAD' }, expect: ok });
    // Every documented query parameter with its documented example, alone: a 2xx.
    for (const parameter of (operation.parameters ?? []).filter((candidate) => candidate.in === 'query')) {
      const example = exampleOf(parameter.description);
      const values =
        example !== undefined ? [example] : ((parameter.schema.enum as string[] | undefined) ?? (parameter.schema.type === 'boolean' ? ['true', 'false'] : []));
      if (values.length === 0) t.fail(`${operation.operationId}: query parameter ${parameter.name} has no documented example`);
      for (const value of values) requests.push({ url: `${url}?${new URLSearchParams({ [parameter.name]: value })}`, expect: ok });
    }
    // Every format by Accept, every documented error status.
    for (const mediaType of Object.keys(operation.responses['200']?.content ?? {}))
      requests.push({ url, init: { headers: { accept: mediaType } }, expect: ok });
    for (const status of Object.keys(operation.responses).filter((status) => status >= '400')) {
      const example = operation.responses[status]?.content?.['application/problem+json'] as { example?: { instance?: string } } | undefined;
      const instance = example?.example?.instance;
      if (status === '414') requests.push({ url: `${url}?q=${'a'.repeat(4200)}`, expect: (code) => code === 414 });
      else if (status === '406') requests.push({ url, init: { headers: { accept: 'image/png' } }, expect: (code) => code === 406 });
      else if (status === '400' || status === '404') requests.push({ url: instance as string, expect: (code) => code === Number(status) });
    }
  }
  for (const { url, init, expect } of requests) await check(url, init, expect);

  // Revalidation: a 304 with the validators of the 200.
  for (const url of ['/v1/communes', '/v1/communes/65059?format=csv', '/v1/dataset', '/downloads/communes.csv']) {
    const etag = (await fetch(`${origin}${url}`)).headers.get('etag') as string;
    await check(url, { headers: { 'if-none-match': etag } }, (status) => status === 304);
  }
  // Sparse fields on lists and items, and the file formats of related lists.
  for (const url of [
    '/v1/communes?fields=name,population.municipal',
    '/v1/intercommunalities/200072106?fields=seat.code',
    '/v1/intercommunalities/200072106/members?format=ndjson',
  ]) {
    await check(url, {}, ok);
  }
  t.ok(checked > 300, `${checked} responses checked`);
  t.strictSame([...statuses].sort(), [200, 304, 400, 404, 406, 414], 'every status the corpus aims at was produced');
});

t.test('a 429 is documented with its headers', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: 1 });
  const document = (await app.inject('/openapi.json')).json() as OpenApi;
  await app.inject('/v1/communes');
  const limited = await app.inject('/v1/communes');
  t.equal(limited.statusCode, 429);
  const documented = document.paths['/v1/communes']?.get.responses['429'];
  t.ok(documented?.content?.['application/problem+json'], '429 documented as a problem');
  for (const [name, header] of Object.entries(documented?.headers ?? {})) {
    if (header.required) t.ok(limited.headers[name.toLowerCase()] !== undefined, `429 carries ${name}`);
  }
  t.ok(limited.headers['ratelimit-limit'] !== undefined, 'rate-limit headers sent while the limit is on');
});
