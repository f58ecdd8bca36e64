/**
 * Go's `sort.Sort` (pattern-defeating quicksort) and `sort.SliceStable`
 * (insertion-sorted blocks merged with SymMerge), step for step, over an
 * array and a `less(i, j)` of positions.
 *
 * apimachinery's strategic merge patch sorts with comparators that are not
 * strict orders (equal elements compare "less"), so which of two equal
 * elements comes first depends on the exact algorithm; a patch equal to
 * Go's byte for byte needs Go's algorithm, not any correct sort.
 *
 * @module
 */

/** Positions-based comparison, as Go's `sort.Interface.Less`. */
export type LessFn = (i: number, j: number) => boolean;

function swap<T>(a: T[], i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

function bitsLen(n: number): number {
  return n <= 0 ? 0 : Math.floor(Math.log2(n)) + 1;
}

class Sorter<T> {
  constructor(readonly data: T[], readonly less: LessFn) {}

  swap(i: number, j: number): void {
    swap(this.data, i, j);
  }

  insertionSort(a: number, b: number): void {
    for (let i = a + 1; i < b; i++) {
      for (let j = i; j > a && this.less(j, j - 1); j--) this.swap(j, j - 1);
    }
  }

  siftDown(lo: number, hi: number, first: number): void {
    let root = lo;
    for (;;) {
      let child = 2 * root + 1;
      if (child >= hi) break;
      if (child + 1 < hi && this.less(first + child, first + child + 1)) child++;
      if (!this.less(first + root, first + child)) return;
      this.swap(first + root, first + child);
      root = child;
    }
  }

  heapSort(a: number, b: number): void {
    const first = a;
    const hi = b - a;
    for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) this.siftDown(i, hi, first);
    for (let i = hi - 1; i >= 0; i--) {
      this.swap(first, first + i);
      this.siftDown(0, i, first);
    }
  }

  pdqsort(a: number, b: number, limit: number): void {
    let wasBalanced = true;
    let wasPartitioned = true;
    for (;;) {
      const length = b - a;
      if (length <= 12) {
        this.insertionSort(a, b);
        return;
      }
      if (limit === 0) {
        this.heapSort(a, b);
        return;
      }
      if (!wasBalanced) {
        this.breakPatterns(a, b);
        limit--;
      }
      let [pivot, hint] = this.choosePivot(a, b);
      if (hint === DECREASING) {
        this.reverseRange(a, b);
        pivot = (b - 1) - (pivot - a);
        hint = INCREASING;
      }
      if (wasBalanced && wasPartitioned && hint === INCREASING) {
        if (this.partialInsertionSort(a, b)) return;
      }
      if (a > 0 && !this.less(a - 1, pivot)) {
        a = this.partitionEqual(a, b, pivot);
        continue;
      }
      const [mid, alreadyPartitioned] = this.partition(a, b, pivot);
      wasPartitioned = alreadyPartitioned;
      const leftLen = mid - a, rightLen = b - mid;
      const balanceThreshold = Math.trunc(length / 8);
      if (leftLen < rightLen) {
        wasBalanced = leftLen >= balanceThreshold;
        this.pdqsort(a, mid, limit);
        a = mid + 1;
      } else {
        wasBalanced = rightLen >= balanceThreshold;
        this.pdqsort(mid + 1, b, limit);
        b = mid;
      }
    }
  }

  partition(a: number, b: number, pivot: number): [number, boolean] {
    this.swap(a, pivot);
    let i = a + 1, j = b - 1;
    while (i <= j && this.less(i, a)) i++;
    while (i <= j && !this.less(j, a)) j--;
    if (i > j) {
      this.swap(j, a);
      return [j, true];
    }
    this.swap(i, j);
    i++;
    j--;
    for (;;) {
      while (i <= j && this.less(i, a)) i++;
      while (i <= j && !this.less(j, a)) j--;
      if (i > j) break;
      this.swap(i, j);
      i++;
      j--;
    }
    this.swap(j, a);
    return [j, false];
  }

  partitionEqual(a: number, b: number, pivot: number): number {
    this.swap(a, pivot);
    let i = a + 1, j = b - 1;
    for (;;) {
      while (i <= j && !this.less(a, i)) i++;
      while (i <= j && this.less(a, j)) j--;
      if (i > j) break;
      this.swap(i, j);
      i++;
      j--;
    }
    return i;
  }

  partialInsertionSort(a: number, b: number): boolean {
    let i = a + 1;
    for (let step = 0; step < 5; step++) {
      while (i < b && !this.less(i, i - 1)) i++;
      if (i === b) return true;
      if (b - a < 50) return false;
      this.swap(i, i - 1);
      if (i - a >= 2) {
        for (let j = i - 1; j >= 1; j--) {
          if (!this.less(j, j - 1)) break;
          this.swap(j, j - 1);
        }
      }
      if (b - i >= 2) {
        for (let j = i + 1; j < b; j++) {
          if (!this.less(j, j - 1)) break;
          this.swap(j, j - 1);
        }
      }
    }
    return false;
  }

  breakPatterns(a: number, b: number): void {
    const length = b - a;
    if (length < 8) return;
    const mask = (1n << 64n) - 1n;
    let r = BigInt(length);
    const modulus = 1n << BigInt(bitsLen(length));
    const half = Math.trunc(length / 4) * 2;
    for (let idx = a + half - 1; idx <= a + half + 1; idx++) {
      r ^= (r << 13n) & mask;
      r ^= r >> 7n;
      r ^= (r << 17n) & mask;
      let other = Number(r & (modulus - 1n));
      if (other >= length) other -= length;
      this.swap(idx, a + other);
    }
  }

  choosePivot(a: number, b: number): [number, number] {
    const l = b - a;
    const swaps = { n: 0 };
    const q = Math.trunc(l / 4);
    let i = a + q, j = a + q * 2, k = a + q * 3;
    if (l >= 8) {
      if (l >= 50) {
        i = this.median(i - 1, i, i + 1, swaps);
        j = this.median(j - 1, j, j + 1, swaps);
        k = this.median(k - 1, k, k + 1, swaps);
      }
      j = this.median(i, j, k, swaps);
    }
    if (swaps.n === 0) return [j, INCREASING];
    if (swaps.n === 12) return [j, DECREASING];
    return [j, UNKNOWN];
  }

  order2(a: number, b: number, swaps: { n: number }): [number, number] {
    if (this.less(b, a)) {
      swaps.n++;
      return [b, a];
    }
    return [a, b];
  }

  median(a: number, b: number, c: number, swaps: { n: number }): number {
    [a, b] = this.order2(a, b, swaps);
    [b, c] = this.order2(b, c, swaps);
    [a, b] = this.order2(a, b, swaps);
    return b;
  }

  reverseRange(a: number, b: number): void {
    for (let i = a, j = b - 1; i < j; i++, j--) this.swap(i, j);
  }

  swapRange(a: number, b: number, n: number): void {
    for (let i = 0; i < n; i++) this.swap(a + i, b + i);
  }

  stable(n: number): void {
    let blockSize = 20;
    let a = 0, b = blockSize;
    while (b <= n) {
      this.insertionSort(a, b);
      a = b;
      b += blockSize;
    }
    this.insertionSort(a, n);
    while (blockSize < n) {
      a = 0;
      b = 2 * blockSize;
      while (b <= n) {
        this.symMerge(a, a + blockSize, b);
        a = b;
        b += 2 * blockSize;
      }
      const m = a + blockSize;
      if (m < n) this.symMerge(a, m, n);
      blockSize *= 2;
    }
  }

  symMerge(a: number, m: number, b: number): void {
    if (m - a === 1) {
      let i = m, j = b;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (this.less(h, a)) i = h + 1;
        else j = h;
      }
      for (let k = a; k < i - 1; k++) this.swap(k, k + 1);
      return;
    }
    if (b - m === 1) {
      let i = a, j = m;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (!this.less(m, h)) i = h + 1;
        else j = h;
      }
      for (let k = m; k > i; k--) this.swap(k, k - 1);
      return;
    }
    const mid = (a + b) >>> 1;
    const n = mid + m;
    let start: number, r: number;
    if (m > mid) {
      start = n - b;
      r = mid;
    } else {
      start = a;
      r = m;
    }
    const p = n - 1;
    while (start < r) {
      const c = (start + r) >>> 1;
      if (!this.less(p - c, c)) start = c + 1;
      else r = c;
    }
    const end = n - start;
    if (start < m && m < end) this.rotate(start, m, end);
    if (a < start && start < mid) this.symMerge(a, start, mid);
    if (mid < end && end < b) this.symMerge(mid, end, b);
  }

  rotate(a: number, m: number, b: number): void {
    let i = m - a, j = b - m;
    while (i !== j) {
      if (i > j) {
        this.swapRange(m - i, m, j);
        i -= j;
      } else {
        this.swapRange(m - i, m + j - i, i);
        j -= i;
      }
    }
    this.swapRange(m - i, m, i);
  }
}

const UNKNOWN = 0, INCREASING = 1, DECREASING = 2;

/** Go's `sort.Sort` of `data` in place (not stable; equal elements land where Go's pdqsort puts them). */
export function goSort<T>(data: T[], less: LessFn): T[] {
  const n = data.length;
  if (n > 1) new Sorter(data, less).pdqsort(0, n, bitsLen(n));
  return data;
}

/** Go's `sort.SliceStable` of `data` in place. */
export function goSliceStable<T>(data: T[], less: LessFn): T[] {
  new Sorter(data, less).stable(data.length);
  return data;
}
