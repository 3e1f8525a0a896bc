import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2;

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes). */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password for storage. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/**
 * A deliberately cheap argon2id hash for test fixtures only (the cost is stored in the hash, so
 * verifying it is cheap too). Never used for real accounts.
 */
export function unsafeCheapHashForTests(password: string): Promise<string> {
  return hash(password, { ...OPTIONS, memoryCost: 1024, timeCost: 1 });
}

/** Checks a password against a stored hash; false for a malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash nobody's password matches, verified on unknown usernames so timing does not reveal them. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('dummy-password-that-never-matches');
  return dummy;
}
