import { LIMITS } from '@xietong/shared';

/**
 * Counts failed logins per (address, username) and per address in a sliding window. In memory:
 * one server process guards its own door; a restart forgets, which is acceptable for a brake on
 * guessing (a cluster behind a balancer would move this into the database).
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxPerUser = LIMITS.loginFailures,
    private readonly maxPerAddress = LIMITS.loginFailures * 10,
    private readonly windowMs = LIMITS.loginWindowMs,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Minutes to wait before trying again, or 0 when a try is allowed. */
  blockedFor(address: string, username: string, now = Date.now()): number {
    const perUser = this.recent(`${address}|${username}`, now);
    const perAddress = this.recent(address, now);
    let until = 0;
    if (perUser.length >= this.maxPerUser) until = Math.max(until, perUser[0]! + this.windowMs);
    if (perAddress.length >= this.maxPerAddress) until = Math.max(until, perAddress[0]! + this.windowMs);
    return until ? Math.max(1, Math.ceil((until - now) / 60_000)) : 0;
  }

  recordFailure(address: string, username: string, now = Date.now()): void {
    for (const key of [`${address}|${username}`, address]) {
      this.failures.set(key, [...this.recent(key, now), now]);
    }
  }

  /** Forgets every failure (tests start each case with a fresh limiter). */
  clear(): void {
    this.failures.clear();
  }

  recordSuccess(address: string, username: string): void {
    this.failures.delete(`${address}|${username}`);
  }
}
