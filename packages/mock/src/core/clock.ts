/**
 * One organization's time: real time shifted by an offset, or frozen at an
 * instant. Tests move it instead of waiting; by default it is real time.
 */
export class OrgClock {
  #offsetMs = 0;
  #frozenAt: number | null = null;

  constructor(private readonly base: () => number) {}

  nowMs(): number {
    return this.#frozenAt ?? this.base() + this.#offsetMs;
  }

  get frozen(): boolean {
    return this.#frozenAt !== null;
  }

  advance(ms: number): void {
    if (this.#frozenAt !== null) this.#frozenAt += ms;
    else this.#offsetMs += ms;
  }

  set(ms: number): void {
    if (this.#frozenAt !== null) this.#frozenAt = ms;
    else this.#offsetMs = ms - this.base();
  }

  freeze(frozen: boolean): void {
    if (frozen && this.#frozenAt === null) this.#frozenAt = this.nowMs();
    if (!frozen && this.#frozenAt !== null) {
      this.#offsetMs = this.#frozenAt - this.base();
      this.#frozenAt = null;
    }
  }
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `90s`, `15m`, `25h`, `2d` in milliseconds; null when the text is not such a duration. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
