/** Requests between entering the router and their last store write, so a close can wait for them. */
export class InFlight {
  readonly #running = new Set<Promise<void>>();

  /** Counts one request in; the returned function counts it out (twice is harmless). */
  enter(): () => void {
    let finish = () => {};
    const running = new Promise<void>((resolve) => {
      finish = resolve;
    });
    this.#running.add(running);
    return () => {
      this.#running.delete(running);
      finish();
    };
  }

  /** Resolves when every request counted in is out, or after `maxMs`. */
  async drain(maxMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise((resolve) => {
      timer = setTimeout(resolve, maxMs);
    });
    await Promise.race([Promise.allSettled([...this.#running]), deadline]);
    clearTimeout(timer);
  }
}
