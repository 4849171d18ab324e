// The address a request came from, for counting failed sign-ins. Behind N trusted reverse
// proxies (PLENARY_TRUSTED_PROXIES), the client is the address X-Forwarded-For gives N hops
// back from this server's peer: each proxy appends the address it was reached from, so entries
// further left were written by the client itself and are not believed. Without proxies the peer
// is the client, and X-Forwarded-For is ignored (anyone can send it).
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trustedProxies: number): string {
  const chain = [
    ...(forwardedFor ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
    peer ?? 'unknown',
  ];
  const i = chain.length - 1 - trustedProxies;
  // Fewer hops than proxies said: the request did not come through them all; the leftmost we have.
  return chain[Math.max(0, i)]!.slice(0, 100);
}
