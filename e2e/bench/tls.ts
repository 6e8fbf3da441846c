// TLS for the network model: a test CA made for the run, a server certificate it signs for the
// loopback addresses in use, and a TLS-terminating edge (what a load balancer in front of the
// proxy is) for servers that speak plain HTTP.
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { generate } from 'selfsigned';

export interface RunCertificate {
  /** The server's key and certificate (PEM), and the same in files. */
  key: string;
  cert: string;
  keyFile: string;
  certFile: string;
  /** The CA that signed it (PEM), and the same in a file for NODE_EXTRA_CA_CERTS. */
  caCert: string;
  caFile: string;
  /** base64 SHA-256 of the server certificate's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spki: string;
}

/** A CA and a P-256 server certificate for `ips`, valid for a day; files in a fresh temp dir. */
export async function makeCertificate(ips: readonly string[]): Promise<RunCertificate> {
  const day = new Date(Date.now() + 24 * 3600 * 1000);
  const ca = await generate([{ name: 'commonName', value: 'omise-signup bench CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: day,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: ips[0] ?? '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: day,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: ips.map((ip) => ({ type: 7 as const, ip })) },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'omise-signup-bench-'));
  const caFile = join(dir, 'ca.pem');
  const keyFile = join(dir, 'server-key.pem');
  const certFile = join(dir, 'server.pem');
  writeFileSync(caFile, ca.cert);
  writeFileSync(keyFile, server.private, { mode: 0o600 });
  writeFileSync(certFile, server.cert);
  const spkiDer = new X509Certificate(server.cert).publicKey.export({ type: 'spki', format: 'der' });
  return {
    key: server.private,
    cert: server.cert,
    keyFile,
    certFile,
    caCert: ca.cert,
    caFile,
    spki: createHash('sha256').update(spkiDer).digest('base64'),
  };
}

export interface TlsEdge {
  port: number;
  close(): Promise<void>;
}

/**
 * Terminates TLS on 127.0.0.1 and pipes each connection, one to one, to a plain-HTTP server: a
 * browser connection is a proxy connection, as behind a TCP-mode load balancer.
 */
export async function startTlsEdge(options: {
  key: string;
  cert: string;
  target: { host: string; port: number };
}): Promise<TlsEdge> {
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key: options.key, cert: options.cert }, (secure) => {
    const plain = net.connect({ ...options.target, noDelay: true });
    secure.setNoDelay(true);
    sockets.add(secure);
    sockets.add(plain);
    const drop = () => {
      secure.destroy();
      plain.destroy();
      sockets.delete(secure);
      sockets.delete(plain);
    };
    secure.on('error', drop);
    plain.on('error', drop);
    secure.on('close', drop);
    plain.on('close', drop);
    secure.pipe(plain);
    plain.pipe(secure);
  });
  // A client that gives up mid-handshake is not the edge's problem.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
