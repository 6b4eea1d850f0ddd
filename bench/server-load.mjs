#!/usr/bin/env node
/**
 * `npm run bench:server`: `hotlinks-embed/server`'s report receiver and cookie middleware under load,
 * as SECURITY.md quotes them. A Node server in a child process (the built ESM package's
 * `nodeCollectHandler`, reports handed to a function that keeps nothing, and `nodeMiddleware` in front
 * of a page), driven by autocannon from this process over loopback: page loads that land with a code
 * (each answered with a new cookie) and beacons of a valid report, 100,000 requests each. The
 * server's heap is read (after a full collection) before and after, and every answer that is not the
 * expected one counts as an error. Prints a Markdown table. Needs the build (`npm run bench:server` runs one).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const REQUESTS = Number(process.env.REQUESTS ?? 100_000);
const CODE = 'O95340038V';

if (process.argv[2] == 'server') {
  const { createServer } = await import('node:http');
  const { nodeCollectHandler, nodeMiddleware } = await import(new URL('../dist/esm/server.js', import.meta.url).href);
  const collect = nodeCollectHandler({ onReport() {} });
  const cookie = nodeMiddleware({ cookieDomain: 'shop.example' });
  let cookies = 0;
  const server = createServer((request, response) => {
    if (request.url == '/cookies') return response.end(String(cookies));
    if (request.url == '/collect') return void collect(request, response);
    if (request.url == '/heap') {
      globalThis.gc();
      return response.end(String(process.memoryUsage().heapUsed));
    }
    cookie(request, response, () => {
      if (response.hasHeader('set-cookie')) cookies++;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<h1>Curso</h1>');
    });
  });
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
} else {
  const child = fork(fileURLToPath(import.meta.url), ['server'], { execArgv: ['--expose-gc'] });
  const port = await new Promise((resolve) => child.once('message', resolve));
  const origin = `http://127.0.0.1:${port}`;
  const heap = async () => Number(await (await fetch(origin + '/heap')).text());
  const cookies = async () => Number(await (await fetch(origin + '/cookies')).text());
  const report = JSON.stringify({ event: 'attribution', affiliate: CODE, visit: 'mJIDFq3bN0xk-_7Z', page: 'https://www.shop.example/curso', params: { utm_source: 'fb' }, timestamp: Date.now() });
  const cases = [
    { name: 'page load with a code (middleware, a new cookie each)', path: `/curso?a=${CODE}&utm_source=fb`, method: 'GET', headers: { host: 'www.shop.example', 'sec-fetch-mode': 'navigate' }, expected: 200 },
    { name: 'report beacon (collect)', path: '/collect', method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: report, expected: 204 },
  ];
  const rows = [];
  for (const c of cases) {
    // A short warm-up, so the JIT and the sockets are set.
    await autocannon({ url: origin + c.path, method: c.method, headers: c.headers, body: c.body, connections: 10, amount: 2000 });
    const before = await heap();
    const cookiesBefore = await cookies();
    let unexpected = 0;
    const result = await autocannon({
      url: origin + c.path,
      method: c.method,
      headers: c.headers,
      body: c.body,
      connections: 10,
      amount: REQUESTS,
      setupClient: (client) => client.on('response', (status) => status != c.expected && unexpected++),
    });
    const after = await heap();
    // A page load that was answered without its cookie is an error too.
    if (c.method == 'GET') unexpected += result.requests.total - (await cookies() - cookiesBefore);
    rows.push(
      `| ${c.name} | ${result.requests.total.toLocaleString('en')} | ${Math.round(result.requests.total / result.duration).toLocaleString('en')}/s | ${result.latency.p50} ms | ${result.latency.p99} ms | ${result.errors + result.timeouts + unexpected} | ${(before / 2 ** 20).toFixed(1)} → ${(after / 2 ** 20).toFixed(1)} MB |`,
    );
  }
  child.kill();
  console.log(`| requests | sent | rate | p50 | p99 | errors | server heap before → after |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |\n${rows.join('\n')}`);
}
