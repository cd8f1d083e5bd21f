import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCard } from '../src/runtime/run-card.ts';

const label = { labelId: 'lbc18v2lemBedxq6l1d7', name: 'Sensitivity', values: [] };
const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(label))]);
let server: Server;
let orgUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.includes('chunked')) {
      // No Content-Length: the body is streamed in pieces.
      res.write(withBom.subarray(0, 5));
      res.end(withBom.subarray(5));
    } else {
      res.setHeader('content-length', withBom.length);
      res.end(withBom);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  orgUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the transport reads a body the same way however it is sent', () => {
  it('drops a leading byte-order mark with and without Content-Length', async () => {
    const sized = await runCard('getLabel', { labelId: label.labelId }, { orgUrl, accessToken: 't0ken' });
    expect(sized.outputs).toMatchObject({ labelId: label.labelId, name: 'Sensitivity' });
    const chunked = await runCard('listLabels', { filter: 'values.name co "chunked"' }, { orgUrl: `${orgUrl}`, accessToken: 't0ken' }).catch((e: Error) => e);
    // listLabels expects {data}; what matters is that the BOM'd JSON parsed rather than failing as "not valid JSON".
    expect(chunked).not.toBeInstanceOf(Error);
  });
});
