// A tiny authoritative DNS server on a loopback address, port 53 (resolv.conf cannot name a
// port): it answers A queries for the names it is given and says "no data" for anything else,
// so a lookup inside a chroot can only succeed through the resolver file the chroot sees.
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';

export interface TestDnsServer {
  /** The loopback address to put on a `nameserver` line. */
  address: string;
  /** Names asked for, in order. */
  queries: string[];
  close(): Promise<void>;
}

export async function startDnsServer(records: Record<string, string>): Promise<TestDnsServer> {
  for (let attempt = 0; attempt < 10; attempt++) {
    // A random 127/8 address: other test runs on the machine may hold port 53 on another one.
    const address = `127.${53 + Math.floor(Math.random() * 150)}.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
    const socket = createSocket('udp4');
    const queries: string[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(53, address, () => resolve());
      });
    } catch {
      socket.close();
      continue;
    }
    socket.on('message', (msg, peer) => {
      const reply = answer(msg, records, queries);
      if (reply) socket.send(reply, peer.port, peer.address);
    });
    return { address, queries, close: () => closeSocket(socket) };
  }
  throw new Error('cannot bind a loopback DNS server on port 53');
}

function closeSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => socket.close(() => resolve()));
}

function answer(query: Buffer, records: Record<string, string>, queries: string[]): Buffer | undefined {
  if (query.length < 17) return undefined;
  const labels: string[] = [];
  let offset = 12;
  while (offset < query.length && query[offset] !== 0) {
    const len = query[offset]!;
    labels.push(query.subarray(offset + 1, offset + 1 + len).toString('ascii'));
    offset += len + 1;
  }
  const questionEnd = offset + 5; // zero byte, QTYPE, QCLASS
  if (questionEnd > query.length) return undefined;
  const name = labels.join('.').toLowerCase();
  const qtype = query.readUInt16BE(offset + 1);
  queries.push(name);
  const ip = records[name];
  const a = ip !== undefined && qtype === 1;
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0); // same id
  header.writeUInt16BE(ip === undefined ? 0x8183 : 0x8580, 2); // response, authoritative; NXDOMAIN when unknown
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(a ? 1 : 0, 6);
  const question = query.subarray(12, questionEnd);
  if (!a) return Buffer.concat([header, question]);
  const record = Buffer.alloc(16);
  record.writeUInt16BE(0xc00c, 0); // name: pointer to the question
  record.writeUInt16BE(1, 2); // A
  record.writeUInt16BE(1, 4); // IN
  record.writeUInt32BE(60, 6);
  record.writeUInt16BE(4, 10);
  for (const [i, part] of ip.split('.').entries()) record.writeUInt8(Number(part), 12 + i);
  return Buffer.concat([header, question, record]);
}
