/**
 * A small least-recently-used map: a Map's insertion order doubles as the recency order. Bounded by its number of
 * entries and, when given a `weigh` function, by the total weight of its entries (e.g. characters held).
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  private readonly weights = new Map<K, number>();
  private total = 0;

  constructor(
    private readonly capacity: number,
    private readonly bound?: { maxWeight: number; weigh(key: K, value: V): number },
  ) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    this.map.set(key, value);
    if (this.bound) {
      const weight = this.bound.weigh(key, value);
      this.weights.set(key, weight);
      this.total += weight;
    }
    while (this.map.size > this.capacity || (this.bound && this.total > this.bound.maxWeight && this.map.size > 1)) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
  }

  delete(key: K): void {
    if (!this.map.delete(key)) return;
    const weight = this.weights.get(key);
    if (weight !== undefined) {
      this.total -= weight;
      this.weights.delete(key);
    }
  }

  get size(): number {
    return this.map.size;
  }

  /** Total weight of the entries (0 without a `weigh` function). */
  get weight(): number {
    return this.total;
  }

  clear(): void {
    this.map.clear();
    this.weights.clear();
    this.total = 0;
  }
}
