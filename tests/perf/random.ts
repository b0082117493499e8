// A seeded pseudo-random generator for the data generator: the same seed always gives the same
// sequence, so the same seed always gives the same database. Never Math.random.

/** sfc32 (small fast counter), seeded through splitmix32 so nearby seeds give unrelated streams */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const splitmix = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** a uniformly distributed unsigned 32-bit integer */
  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** an integer in [min, max], both included */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** picks by relative weight: [[value, weight], …] */
  weighted<T>(options: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of options) total += w;
    let r = this.next() * total;
    for (const [value, w] of options) {
      r -= w;
      if (r < 0) return value;
    }
    return options[options.length - 1]![0];
  }

  /** exponentially distributed gap with the given mean (a Poisson process's waiting time) */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** roughly normal (sum of uniforms), for jitter around a rhythm */
  gaussian(mean = 0, sd = 1): number {
    return mean + sd * (this.next() + this.next() + this.next() + this.next() - 2) * 1.7320508;
  }

  /** a version-4-shaped UUID made from this stream, like the app's randomUUID() but reproducible */
  uuid(): string {
    const h = (n: number, len: number) => n.toString(16).padStart(len, '0');
    const x = this.u32();
    const y = this.u32();
    const z = this.u32();
    const w = this.u32();
    return `${h(x, 8)}-${h(y >>> 16, 4)}-${h(0x4000 | (y & 0x0fff), 4)}-${h(0x8000 | (z >>> 18), 4)}-${h(z & 0xffff, 4)}${h(w, 8)}`;
  }
}
