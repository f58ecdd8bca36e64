/**
 * A map with copy-on-write layers, so that cloning a template set is O(1):
 * a fork reads through to its parent's layers, writes go to its own layer,
 * and a parent that is written to after being forked first copies its own
 * layer, so forks never see later changes (Go's Clone semantics).
 *
 * @module
 */

/** A copy-on-write layered map; values are never `undefined`. */
export class LayeredMap<K, V> {
  /** Own layer first, then the (frozen) layers of the maps it was forked from. */
  #layers: Map<K, V>[];
  /** True while a fork reads this map's own layer: it must be copied before the next write. */
  #shared = false;

  constructor(layers: Map<K, V>[] = [new Map()]) {
    this.#layers = layers;
  }

  /** The value of `key` in the nearest layer holding it. */
  get(key: K): V | undefined {
    const layers = this.#layers;
    for (let i = 0; i < layers.length; i++) {
      const v = layers[i].get(key);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** True when some layer holds `key`. */
  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** Sets `key` in the own layer (copying it first if a fork shares it). */
  set(key: K, value: V): this {
    if (this.#shared) {
      this.#layers = [new Map(this.#layers[0]), ...this.#layers.slice(1)];
      this.#shared = false;
    }
    this.#layers[0].set(key, value);
    return this;
  }

  /** A new map that sees this one's current entries and keeps its own writes to itself. */
  fork(): LayeredMap<K, V> {
    this.#shared = true;
    return new LayeredMap([new Map(), ...this.#layers]);
  }

  /** Entries as seen through the layers (nearer layers shadow farther ones). */
  *entries(): IterableIterator<[K, V]> {
    const seen = new Set<K>();
    for (const layer of this.#layers) {
      for (const entry of layer) {
        if (seen.has(entry[0])) continue;
        seen.add(entry[0]);
        yield entry;
      }
    }
  }

  /** Values as seen through the layers. */
  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}
