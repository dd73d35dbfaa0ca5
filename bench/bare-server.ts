// The stack's limit for the benchmark: bare Fastify routes answering constants, the very status, headers and
// bytes the API answered, listed in the JSON file BODIES: [{ path, file, headers, status }].
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

interface Body {
  path: string;
  file: string;
  headers: Record<string, string>;
  status: number;
}

const app = Fastify({ logger: false });
app.get('/health', (_request, reply) => reply.type('application/json').send('{"status":"ok"}'));
for (const { path, file, headers, status } of JSON.parse(readFileSync(process.env.BODIES as string, 'utf8')) as Body[]) {
  const body = readFileSync(file);
  app.get(path, (_request, reply) =>
    reply
      .code(status)
      .headers(headers)
      .send(status === 304 ? undefined : body),
  );
}
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
