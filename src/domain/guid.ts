// Stable identifiers for exports: a UUIDv5 of a name in Plenary's namespace, so that an
// exported session keeps its guid and UID however often it is exported.
import { v5 } from 'uuid';

// A fixed, randomly chosen namespace for Plenary (RFC 9562 §5.5).
const NAMESPACE = 'd1f3b3a0-5c59-4f38-9d1e-7c0b8a9e6f21';

export function stableGuid(name: string): string {
  return v5(name, NAMESPACE);
}
