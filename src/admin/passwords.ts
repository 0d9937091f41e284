import { hash, verify } from '@node-rs/argon2';

/** Hashes and checks passwords; the one place that knows the algorithm, so swapping it is one line. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(encoded: string, password: string): Promise<boolean>;
}

/** argon2id with the library's defaults (OWASP's minimum: 19 MiB, 2 passes); the parameters travel in the encoded hash. */
export const argon2idHasher: PasswordHasher = {
  hash: (password) => hash(password),
  verify: async (encoded, password) => {
    try {
      return await verify(encoded, password);
    } catch {
      // A malformed stored hash is a failed sign-in, never a crash.
      return false;
    }
  },
};

export const passwordHasher: PasswordHasher = argon2idHasher;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

/** Null when acceptable, else why not. Length is what matters; composition rules only annoy. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `a password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}
