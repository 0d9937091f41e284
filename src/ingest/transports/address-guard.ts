import { BlockList, isIP } from 'node:net';
import { buildConnector } from 'undici';

/**
 * Feeds are fetched from the open internet; a feed URL must never reach into the machine or
 * its private network (SSRF). The check is made on the address the socket actually connected
 * to, after DNS and after every redirect, so a public name that resolves to 127.0.0.1 or a
 * redirect to 10.0.0.5 is refused just like a literal private URL.
 */

const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** True for loopback, private, link-local, carrier-grade NAT, multicast and reserved addresses. */
export function isPrivateAddress(address: string): boolean {
  // An IPv4 address reached over IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const plain = mapped ?? address;
  const family = isIP(plain);
  if (family === 0) return true;
  return PRIVATE.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError';
}

/** An undici connector that refuses sockets whose remote address is private unless allowed. */
export function guardedConnector(options: { connectTimeoutMs: number; allowPrivate: boolean }): buildConnector.connector {
  const connect = buildConnector({ timeout: options.connectTimeoutMs });
  if (options.allowPrivate) return connect;
  return (target, callback) => {
    connect(target, (error, socket) => {
      if (error !== null) {
        callback(error, null);
        return;
      }
      const address = socket.remoteAddress ?? '';
      if (isPrivateAddress(address)) {
        socket.destroy();
        callback(
          new PrivateAddressError(`${target.hostname} is the private or loopback address ${address}; the feed is not allowed to reach it`),
          null,
        );
        return;
      }
      callback(null, socket);
    });
  };
}
