/** A clock as stored: its shift from real time, or the instant it is frozen at. */
export interface ClockState {
  offsetMs: number;
  frozenAt: number | null;
}

/**
 * One organization's time: real time shifted by an offset, or frozen at an
 * instant. Tests move it instead of waiting; by default it is real time.
 * `saved` is told every change, so the clock can outlive the process.
 */
export class OrgClock {
  #offsetMs: number;
  #frozenAt: number | null;

  constructor(
    private readonly base: () => number,
    state: ClockState = { offsetMs: 0, frozenAt: null },
    private readonly saved: (state: ClockState) => void = () => {},
  ) {
    this.#offsetMs = state.offsetMs;
    this.#frozenAt = state.frozenAt;
  }

  nowMs(): number {
    return this.#frozenAt ?? this.base() + this.#offsetMs;
  }

  get frozen(): boolean {
    return this.#frozenAt !== null;
  }

  get state(): ClockState {
    return { offsetMs: this.#offsetMs, frozenAt: this.#frozenAt };
  }

  advance(ms: number): void {
    if (this.#frozenAt !== null) this.#frozenAt += ms;
    else this.#offsetMs += ms;
    this.saved(this.state);
  }

  set(ms: number): void {
    if (this.#frozenAt !== null) this.#frozenAt = ms;
    else this.#offsetMs = ms - this.base();
    this.saved(this.state);
  }

  freeze(frozen: boolean): void {
    if (frozen && this.#frozenAt === null) this.#frozenAt = this.nowMs();
    if (!frozen && this.#frozenAt !== null) {
      this.#offsetMs = this.#frozenAt - this.base();
      this.#frozenAt = null;
    }
    this.saved(this.state);
  }
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `90s`, `15m`, `25h`, `2d` in milliseconds; null when the text is not such a duration. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
